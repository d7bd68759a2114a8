package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * The error line a failed step logs names the key and the cause. The test binding (slf4j-simple) writes to whatever
 * {@code System.err} is at the time of the call, so the test swaps it for a buffer.
 */
class FailureLogTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void failedStep_logsAnErrorLineWithTheKeyAndTheCauseClassAndMessage() {
        TestMigration failing = TestMigration.of("1", ctx -> {
            ctx.store().put("notes/new.txt", "created");
            throw new IllegalStateException("boom");
        });

        Throwable failure = catchThrowable(() -> Migrator.builder().backend(store).migrations(failing).build().migrate());

        assertThat(failure).isInstanceOf(MigrationFailedException.class);
        assertThat(log()).containsPattern("ERROR .*StepRunner - Migration failed: version 1 \\(step 1\\) after key"
                + " 'notes/new.txt': java.lang.IllegalStateException: boom; rolling back");
    }

    @Test
    void failedStep_logsTheCausesStackTrace() {
        TestMigration failing = TestMigration.of("1", ctx -> {
            throw new IllegalStateException("boom");
        });

        catchThrowable(() -> Migrator.builder().backend(store).migrations(failing).build().migrate());

        assertThat(log()).contains("java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat ");
    }

    @Test
    void rejectedStep_logsAnErrorLineWithTheVersionAndTheKey() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.store().put("_migrations/x", "no"));

        catchThrowable(() -> Migrator.builder().backend(store).migrations(evil).build().migrate());

        assertThat(log()).containsPattern("ERROR .* - .*version 1 \\(step 1\\).*'_migrations/x'");
    }
}
