package studio.sselfie.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code storage conformance} on a good store, a deliberately broken one, and the embedded S3 server. */
class ConformanceCommandTest {
    @TempDir
    Path dir;

    @Test
    void conformance_inMemory_passesEveryBehaviourItRunsAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report.md");

        CliStores.Run run = CliStores.run("conformance", "--report", report.toString(), "mem://conformance");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("# Conformance of mem://conformance/").contains(" 0 failed, ")
                .contains("## Crud").contains("| put_smallBytes_getReturnsSameBytes | passed |")
                .contains("## PresignedRequests").contains("does not declare capability PRESIGNED_URLS");
        assertThat(Files.readString(report).strip()).isEqualTo(run.out().strip());
    }

    @Test
    @SuppressWarnings("unchecked")
    void conformance_storeThatCorruptsReads_failsAndTheReportNamesTheFailingBehaviours() throws Exception {
        CliStores.Run run = CliStores.run("conformance", "--json", "corrupting://broken");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DIFFERENCES);
        Map<String, Object> report = new ObjectMapper().readValue(run.out(), Map.class);
        assertThat((Integer) report.get("failed")).isPositive();
        List<Map<String, String>> crud = ((Map<String, List<Map<String, String>>>) report.get("categories")).get("Crud");
        assertThat(crud).anySatisfy(behaviour -> {
            assertThat(behaviour.get("behaviour")).isEqualTo("put_smallBytes_getReturnsSameBytes");
            assertThat(behaviour.get("result")).isEqualTo("failed");
            assertThat(behaviour.get("detail")).isNotBlank();
        });
    }

    @Test
    void conformance_embeddedS3Server_failsOnlyWhereTheServerIsKnownToDifferFromS3_andLeavesNothingBehind() {
        try (CliStores stores = new CliStores()) {
            String bucket = stores.bucket("cli-conformance");
            try {
                CliStores.Run run = CliStores.run("conformance", "--json", stores.uri(bucket, "shared/"));

                List<String> failed = failures(run.out());
                assertThat(failed).allSatisfy(name -> assertThat(stores.endpoint.knownLimitation(
                        name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1).split(" ")[0]))
                        .as("%s failed but is no known difference of the embedded server", name).isNotNull());
                assertThat(stores.admin.listObjectsV2(request -> request.bucket(bucket)).contents())
                        .extracting(object -> object.key()).as("left in the bucket").isEmpty();
            } finally {
                stores.deleteBucketQuietly(bucket);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> failures(String json) {
        try {
            Map<String, Object> report = new ObjectMapper().readValue(json, Map.class);
            return ((Map<String, List<Map<String, String>>>) report.get("categories")).entrySet().stream()
                    .flatMap(category -> category.getValue().stream()
                            .filter(behaviour -> behaviour.get("result").equals("failed"))
                            .map(behaviour -> category.getKey() + "." + behaviour.get("behaviour")))
                    .toList();
        } catch (Exception e) {
            throw new AssertionError("not a JSON report: " + json, e);
        }
    }
}
