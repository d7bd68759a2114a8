package studio.sselfie.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.cli.migrations.V1__Move_old_photos;

/**
 * {@code storage migrate} with the migrations of a class directory (this module's test classes, where
 * {@code V1__Move_old_photos} and {@code V2__Tag_photos} live) on a bucket of the test kit's S3 endpoint.
 */
class MigrateCommandTest {
    private static CliStores stores;
    private String bucket;
    private String migrations;

    @BeforeAll
    static void start() {
        stores = new CliStores();
    }

    @AfterAll
    static void stop() {
        stores.close();
    }

    @BeforeEach
    void seed() throws URISyntaxException {
        bucket = stores.bucket("cli-migrate");
        stores.put(bucket, "old/a.jpg", "a".getBytes(StandardCharsets.UTF_8));
        stores.put(bucket, "old/b.jpg", "bb".getBytes(StandardCharsets.UTF_8));
        migrations = Path.of(V1__Move_old_photos.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @AfterEach
    void deleteBucket() {
        stores.deleteBucketQuietly(bucket);
    }

    private CliStores.Run migrate(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "migrate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--migrations";
        all[args.length + 2] = migrations;
        all[args.length + 3] = stores.uri(bucket, "");
        return CliStores.run(all);
    }

    @Test
    void info_beforeAnyRun_showsBothMigrationsPending() {
        CliStores.Run run = migrate("info", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).satisfiesExactly(
                line -> assertThat(line).contains("\"version\":\"1\"", "\"state\":\"PENDING\"", "Move old photos"),
                line -> assertThat(line).contains("\"version\":\"2\"", "\"state\":\"PENDING\"", "Tag photos"));
    }

    @Test
    void plan_showsWhatUpWouldDoAndChangesNothing() {
        CliStores.Run run = migrate("plan");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("old/a.jpg").contains("photos/a.jpg");
        assertThat(CliStores.run("ls", "-r", stores.uri(bucket, "photos/")).out()).isEmpty();
    }

    @Test
    void up_thenDownToZero_movesTagsAndGivesTheStoreBack() {
        CliStores.Run up = migrate("up");
        CliStores.Run stat = CliStores.run("stat", stores.uri(bucket, "photos/b.jpg"));
        CliStores.Run validate = migrate("validate");
        CliStores.Run down = migrate("down", "--target", "0");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).contains("applying 1").contains("applying 2");
        assertThat(stat.out()).contains("tagged=yes");
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.err()).contains("valid");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(CliStores.run("ls", "-r", stores.uri(bucket, "")).out())
                .contains("old/a.jpg", "old/b.jpg").doesNotContain("photos/");
        assertThat(migrate("info").out()).contains("1 UNDONE", "2 UNDONE");
    }

    @Test
    void up_withoutMigrations_isAUsageError() {
        CliStores.Run run = CliStores.run("migrate", "up", "--migrations", "no/such/dir", stores.uri(bucket, ""));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no such jar or directory");
    }
}
