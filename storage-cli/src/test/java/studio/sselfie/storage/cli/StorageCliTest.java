package studio.sselfie.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.testkit.MockImageGenerator;

/** Every command in this JVM, against buckets on the test kit's S3 endpoint, through the real S3 backend over HTTP. */
class StorageCliTest {
    private static CliStores stores;
    private final List<String> buckets = new ArrayList<>();
    private String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stores = new CliStores();
    }

    @AfterAll
    static void stop() {
        stores.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = newBucket();
    }

    @AfterEach
    void deleteBuckets() {
        buckets.forEach(stores::deleteBucket);
    }

    private String newBucket() {
        String name = stores.bucket("cli");
        buckets.add(name);
        return name;
    }

    private String at(String key) {
        return stores.uri(bucket, key);
    }

    @Test
    void help_namesEveryCommandAndTheExitCodes() {
        CliStores.Run run = CliStores.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ls", "stat", "cat", "get", "put", "rm", "cp", "check", "presign")
                .contains("Exit codes: 0 done, 1 differences found, 2 usage error, 3 store error");
    }

    @Test
    void put_fileWithoutContentType_guessesItFromTheBytesAndCatGivesThemBack() throws IOException {
        byte[] jpeg = MockImageGenerator.jpeg(64, 48, 1);
        Path file = Files.write(dir.resolve("selfie.jpg"), jpeg);

        CliStores.Run put = CliStores.run("put", file.toString(), at("users/1/"));
        CliStores.Run stat = CliStores.run("stat", "--json", at("users/1/selfie.jpg"));
        CliStores.Run cat = CliStores.run("cat", at("users/1/selfie.jpg"));

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(stat.out()).contains("\"contentType\":\"image/jpeg\"").contains("\"size\":" + jpeg.length);
        assertThat(cat.outBytes()).isEqualTo(jpeg);
    }

    @Test
    void put_withContentTypeAndMetadata_storesThem() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");

        CliStores.Run put = CliStores.run("put", "--content-type", "text/plain", "--metadata", "owner=ana",
                file.toString(), at("notes.txt"));
        CliStores.Run stat = CliStores.run("stat", at("notes.txt"));

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(stat.out()).contains("contentType:   text/plain").contains("owner=ana");
    }

    @Test
    void ls_prefix_listsObjectsAndFoldersOfOneLevelInKeyOrder() {
        stores.put(bucket, "users/1/b.jpg", new byte[3]);
        stores.put(bucket, "users/1/a.jpg", new byte[2]);
        stores.put(bucket, "users/1/thumbs/a.jpg", new byte[1]);

        CliStores.Run run = CliStores.run("ls", at("users/1/"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).satisfiesExactly(
                line -> assertThat(line).endsWith("PRE  users/1/thumbs/"),
                line -> assertThat(line).endsWith(" 2  users/1/a.jpg"),
                line -> assertThat(line).endsWith(" 3  users/1/b.jpg"));
        assertThat(run.err()).contains("2 objects");
    }

    @Test
    void ls_recursiveJson_givesOneJsonLinePerObject() {
        stores.put(bucket, "a/1", new byte[1]);
        stores.put(bucket, "a/b/2", new byte[2]);

        CliStores.Run run = CliStores.run("ls", "-r", "--json", at("a/"));

        assertThat(run.out().lines().toList()).hasSize(2).allMatch(line -> line.startsWith("{\"key\":\"a/"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void get_intoADirectory_writesTheFileUnderTheKeysName() throws IOException {
        stores.put(bucket, "docs/report.pdf", "pdf".getBytes(StandardCharsets.UTF_8));

        CliStores.Run run = CliStores.run("get", at("docs/report.pdf"), dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("report.pdf"))).isEqualTo("pdf");
    }

    @Test
    void rm_prefixWithoutYes_isAUsageErrorAndDeletesNothing() {
        stores.put(bucket, "old/1", new byte[1]);

        CliStores.Run run = CliStores.run("rm", "-r", at("old/"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("needs --yes");
        assertThat(CliStores.run("ls", "-r", at("old/")).out()).contains("old/1");
    }

    @Test
    void rm_prefixWithYes_deletesEveryKeyUnderItAndNothingElse() {
        for (int i = 0; i < 25; i++) {
            stores.put(bucket, "old/" + i, new byte[1]);
        }
        stores.put(bucket, "older", new byte[1]);

        CliStores.Run run = CliStores.run("rm", "-r", "--yes", at("old/"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("deleted 25 objects");
        assertThat(CliStores.run("ls", "-r", at("")).out().lines().toList()).singleElement().asString().endsWith("older");
    }

    @Test
    void stat_missingKey_isAStoreErrorOnOneLineNamingStoreAndKey() {
        CliStores.Run run = CliStores.run("stat", at("nope.jpg"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE_ERROR);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("s3://" + bucket).contains("nope.jpg");
    }

    @Test
    void stat_missingKeyVerbose_showsTheStackTrace() {
        CliStores.Run run = CliStores.run("stat", "--verbose", at("nope.jpg"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE_ERROR);
        assertThat(run.err()).contains("ObjectNotFoundException").contains("\tat ");
    }

    @Test
    void aLocationWithoutScheme_isAUsageError() {
        CliStores.Run run = CliStores.run("ls", "photos/users");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("names no store");
    }

    @Test
    void cp_prefixAcrossBuckets_copiesEveryObjectVerified_andAgainSkipsThemAll() {
        String other = newBucket();
        for (int i = 0; i < 40; i++) {
            stores.put(bucket, "photos/" + i + ".jpg", ("photo " + i).getBytes(StandardCharsets.UTF_8));
        }

        CliStores.Run first = CliStores.run("cp", "-p", "4", at("photos/"), stores.uri(other, "backup/"));
        CliStores.Run second = CliStores.run("cp", "-p", "4", at("photos/"), stores.uri(other, "backup/"));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("copied 40 objects").contains("0 already there, 0 failed");
        assertThat(second.err()).contains("copied 0 objects").contains("40 already there");
        assertThat(CliStores.run("check", at("photos/"), stores.uri(other, "backup/")).exitCode()).isZero();
    }

    @Test
    void cp_afterAnInterruption_copiesOnlyWhatIsMissingOrDifferent() {
        String other = newBucket();
        for (int i = 0; i < 10; i++) {
            stores.put(bucket, "p/" + i, ("photo " + i).getBytes(StandardCharsets.UTF_8));
        }
        // An interrupted run left half the objects, one of them cut short.
        for (int i = 0; i < 5; i++) {
            stores.put(other, "p/" + i, ("photo " + i).getBytes(StandardCharsets.UTF_8));
        }
        stores.put(other, "p/4", "phot".getBytes(StandardCharsets.UTF_8));

        CliStores.Run run = CliStores.run("cp", "--json", at("p/"), stores.uri(other, "p/"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"copied\":6").contains("\"skipped\":4").contains("\"failed\":0");
        assertThat(CliStores.run("check", at("p/"), stores.uri(other, "p/")).exitCode()).isZero();
    }

    @Test
    void cp_oneObjectWithinABucket_copiesItUnderTheNewKey() {
        stores.put(bucket, "a.jpg", new byte[] {1, 2, 3});

        CliStores.Run run = CliStores.run("cp", at("a.jpg"), at("copies/"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliStores.run("cat", at("copies/a.jpg")).outBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void check_differentPrefixes_printsEachDifferenceAndExitsOne() {
        String other = newBucket();
        stores.put(bucket, "x/same", new byte[] {1});
        stores.put(other, "x/same", new byte[] {1});
        stores.put(bucket, "x/changed", new byte[] {1});
        stores.put(other, "x/changed", new byte[] {2});
        stores.put(bucket, "x/onlyHere", new byte[] {1});
        stores.put(other, "x/onlyThere", new byte[] {1});

        CliStores.Run run = CliStores.run("check", at("x/"), stores.uri(other, "x/"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(run.out().lines().toList()).containsExactly("* changed", "+ onlyHere", "- onlyThere", "= same");
        assertThat(run.err()).contains("1 same, 1 different, 1 only in source, 1 only in target, 0 errors");
    }

    @Test
    void presign_get_printsAUrlThatServesTheObject() throws Exception {
        stores.put(bucket, "share/a.jpg", new byte[] {9, 8, 7});

        CliStores.Run run = CliStores.run("presign", "--expires", "60", "--filename", "holiday.jpg", at("share/a.jpg"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String url = run.out().lines().findFirst().orElseThrow().substring("GET ".length());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(9, 8, 7);
        assertThat(response.headers().firstValue("Content-Disposition")).get().asString().contains("holiday.jpg");
    }

    @Test
    void presign_constraintTheMethodCannotEnforce_isRefused() {
        CliStores.Run run = CliStores.run("presign", "--method", "POST", "--no-overwrite", at("a.jpg"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE_ERROR);
        assertThat(run.err()).contains("cannot forbid overwriting");
    }

    @Test
    void fileLocations_takeTheKeyInTheFragment_andCopyToAndFromS3() throws IOException {
        Path root = Files.createDirectories(dir.resolve("store"));
        Path photo = Files.write(dir.resolve("a.jpg"), MockImageGenerator.jpeg(32, 32, 3));
        String store = root.toUri().toString().replaceFirst("/$", "");

        assertThat(CliStores.run("put", photo.toString(), store + "#photos/").exitCode()).isZero();
        assertThat(CliStores.run("ls", "-r", store).out()).contains("photos/a.jpg");
        CliStores.Run cp = CliStores.run("cp", store + "#photos/", at("from-disk/"));
        assertThat(cp.exitCode()).as(cp.err()).isZero();
        assertThat(CliStores.run("check", store + "#photos/", at("from-disk/")).out()).isEqualTo("= a.jpg\n");
    }

    @Test
    void everyCommand_neverPrintsTheSecretKey() throws IOException {
        stores.put(bucket, "k", new byte[] {1});
        Path file = Files.write(dir.resolve("f"), new byte[] {1});
        List<CliStores.Run> runs = List.of(CliStores.run("ls", "--verbose", at("")), CliStores.run("stat", at("k")),
                CliStores.run("put", file.toString(), at("k2")), CliStores.run("stat", "--verbose", at("missing")),
                CliStores.run("cp", at("k"), at("k3")), CliStores.run("check", at(""), at("")));

        for (CliStores.Run run : runs) {
            assertThat(run.out() + run.err()).doesNotContain(stores.endpoint.secretKey());
        }
    }
}
