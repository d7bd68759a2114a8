package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.internal.LeaseLock;

/** The lease lock on its own, renewed by hand (its renewal thread ticks only every lease/3 of real time). */
class LeaseLockTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String KEY = "_migrations/lock";

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final MutableClock clock = MutableClock.atEpochDay();
    private final LeaseLock a = new LeaseLock(store, KEY, "runner-a", LEASE, clock);
    private final LeaseLock b = new LeaseLock(store, KEY, "runner-b", LEASE, clock);

    @AfterEach
    void release() {
        a.close();
        b.close();
    }

    @Test
    void lock_heldByAnother_tryAcquireReturnsTheHolder() {
        assertThat(a.tryAcquire()).isEmpty();

        assertThat(b.tryAcquire()).hasValueSatisfying(holder -> assertThat(holder.owner()).isEqualTo("runner-a"));
        assertThat(b.isHeld()).isFalse();
        assertThat(a.isHeld()).isTrue();
    }

    @Test
    void lock_renewal_extendsTheLeaseBeyondItsFirstExpiry() {
        a.tryAcquire();
        clock.advance(Duration.ofSeconds(20));

        a.renew();
        clock.advance(Duration.ofSeconds(50));

        assertThat(a.isHeld()).isTrue();
        assertThat(b.tryAcquire()).isPresent();
    }

    @Test
    void lock_withoutRenewal_lapsesAndIsTakenOverAfterExpiry() {
        a.tryAcquire();
        clock.advance(LEASE);

        assertThat(a.isHeld()).isFalse();
        assertThat(b.tryAcquire()).isEmpty();
        assertThat(store.getString(KEY)).contains("runner-b");
    }

    @Test
    void lock_renewalAfterATakeover_marksTheLockLost() {
        a.tryAcquire();
        clock.advance(LEASE.plusSeconds(1));
        b.tryAcquire();

        a.renew();

        assertThat(a.isHeld()).isFalse();
        assertThat(a.lostReason()).isPresent();
        assertThat(b.isHeld()).isTrue();
    }

    @Test
    void lock_close_deletesOnlyItsOwnLease() {
        a.tryAcquire();
        clock.advance(LEASE.plusSeconds(1));
        b.tryAcquire();

        a.close();

        assertThat(store.getString(KEY)).contains("runner-b");
        b.close();
        assertThat(store.exists(KEY)).isFalse();
    }

    @Test
    void lock_unreadableLease_countsAsExpired() {
        store.put(KEY, "not json");

        assertThat(a.tryAcquire()).isEmpty();
        assertThat(a.isHeld()).isTrue();
    }
}
