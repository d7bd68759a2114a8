package studio.sselfie.storage.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class BackupStoreTest {
    private static final StateKeys KEYS = new StateKeys("_migrations/");

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final BackupStore backups = new BackupStore(store, KEYS, "1", () -> { }, Clock.systemUTC());

    private static Fingerprint fingerprintOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Fingerprint(bytes.length, Hashing.sha256Hex(bytes));
    }

    @Test
    void backupOfKnownObject_keepsItsBytesAndInfo() {
        ObjectInfo info = store.put("photos/a.jpg", "original bytes");

        assertThat(backups.backup(info, fingerprintOf("original bytes"))).isTrue();
        store.put("photos/a.jpg", "overwritten");

        BackupRecord record = backups.record("photos/a.jpg").orElseThrow();
        assertThat(record.existed()).isTrue();
        assertThat(record.fingerprint()).isEqualTo(fingerprintOf("original bytes"));
        assertThat(record.etag()).isEqualTo(info.etag());
        assertThat(backups.restoreAll()).isEqualTo(1);
        assertThat(store.getString("photos/a.jpg")).isEqualTo("original bytes");
    }

    @Test
    void backupOfKnownObject_thatChangedSince_failsNamingTheKeyAndRecordsNothing() {
        ObjectInfo info = store.put("photos/a.jpg", "what the caller read");
        store.put("photos/a.jpg", "what another writer put since");

        assertThatThrownBy(() -> backups.backup(info, fingerprintOf("what the caller read")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("the backup of 'photos/a.jpg'");
        assertThat(backups.record("photos/a.jpg")).isEmpty();
    }

    @Test
    void backup_secondTimeInAStep_isANoOpSoTheFirstStateWins() {
        ObjectInfo info = store.put("k", "first");
        assertThat(backups.backup(info, fingerprintOf("first"))).isTrue();
        store.put("k", "second");

        assertThat(backups.backup("k")).isFalse();
        assertThat(backups.record("k").orElseThrow().fingerprint()).isEqualTo(fingerprintOf("first"));
    }

    @Test
    void backupOfAbsentKey_recordsThatThereWasNone() {
        assertThat(backups.backup("new.jpg")).isTrue();
        store.put("new.jpg", "written by the step");

        assertThat(backups.record("new.jpg").orElseThrow().existed()).isFalse();
        backups.restoreAll();
        assertThat(store.exists("new.jpg")).isFalse();
    }

    @Test
    void recordAbsent_keysTheStepThenCreates_areDeletedByARollbackAndTakeNoOtherBackup() {
        backups.recordAbsent("0", List.of("new/a.jpg", "new/b.jpg"));
        store.put("new/a.jpg", "created by the step");

        assertThat(backups.backup("new/a.jpg")).isFalse();
        assertThat(backups.record("new/a.jpg").orElseThrow().existed()).isFalse();
        assertThat(store.list("_migrations/backup/1/").map(ObjectInfo::key)).containsExactly("_migrations/backup/1/absent/0-0.json");
        assertThat(backups.restoreAll()).isEqualTo(2);
        assertThat(store.exists("new/a.jpg")).isFalse();
    }

    @Test
    void recordAbsent_keyBackedUpBefore_isLeftOutSoTheFirstStateWins() {
        ObjectInfo info = store.put("k", "first");
        backups.backup(info, fingerprintOf("first"));

        backups.recordAbsent("0", List.of("k"));

        assertThat(backups.record("k").orElseThrow().existed()).isTrue();
        assertThat(store.exists("_migrations/backup/1/absent/0-0.json")).isFalse();
    }

    @Test
    void recordAbsent_afterACrash_aNewRunSeesTheBatchAndDoesNotWriteItAgain() {
        backups.recordAbsent("0", List.of("new/a.jpg"));
        store.put("new/a.jpg", "the crashed run's copy");
        java.util.List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
        BackupStore resumed = new BackupStore(store, KEYS, "1", () -> writes.add("write"), Clock.systemUTC());

        resumed.recordAbsent("0", List.of("new/a.jpg"));

        assertThat(writes).isEmpty();
        assertThat(resumed.backup("new/a.jpg")).isFalse();
        assertThat(resumed.record("new/a.jpg").orElseThrow().existed()).isFalse();
        resumed.restoreAll();
        assertThat(store.exists("new/a.jpg")).isFalse();
    }
}
