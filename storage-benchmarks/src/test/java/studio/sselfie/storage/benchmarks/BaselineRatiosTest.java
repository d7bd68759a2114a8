package studio.sselfie.storage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineRatiosTest {
    private static String row(String method, int threads, String store, String size, double score, String error) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"studio.sselfie.storage.benchmarks.ClientBaselineBenchmark." + method
                + "\",\"mode\":\"thrpt\",\"threads\":" + threads + ",\"forks\":1,\"jvmArgs\":[\"-Xmx2g\"],"
                + "\"params\":{\"size\":\"" + size + "\",\"store\":\"" + store + "\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error
                + ",\"scoreConfidence\":[1.0,2.0],\"scoreUnit\":\"ops/s\",\"rawData\":[[1.0,2.0]]},"
                + "\"secondaryMetrics\":{}}";
    }

    @Test
    void table_backendAndRawRows_printsRatioPerStoreOpSizeAndThreads() {
        String json = "[" + String.join(",\n",
                row("put", 1, "s3", "16384", 450.0, "45.0"),
                row("put", 1, "s3-raw", "16384", 500.0, "\"NaN\""),
                row("get8", 8, "minio", "16777216", 19.0, "1.0"),
                row("get8", 8, "minio-raw", "16777216", 20.0, "1.0"),
                row("get8", 8, "s3", "16777216", 20.0, "1.0")) + "]";

        String table = BaselineRatios.table(json);

        assertThat(table.lines()).hasSize(3);
        assertThat(table).containsPattern("s3 +put +16 KiB +1 +450\\.0 +500\\.0 +0\\.9000\n");
        assertThat(table).containsPattern("minio +get +16 MiB +8 +19\\.0 +20\\.0 +0\\.9500 ± 0\\.0[0-9]+");
    }

    @Test
    void json_escapesAndNesting_parsed() {
        Object parsed = new BaselineRatios.Json("{\"a\": [1, -2.5e3, true, null, \"x\\\"y\\u0041\"], \"b\": {}}").value();

        assertThat(parsed).hasToString("{a=[1.0, -2500.0, true, null, x\"yA], b={}}");
    }
}
