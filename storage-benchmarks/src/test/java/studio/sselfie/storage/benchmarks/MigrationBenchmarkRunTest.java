package studio.sselfie.storage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@link MigrationThroughputBenchmark} runs through JMH's real harness once, on a small batch in memory and on the
 * embedded S3 server, in this JVM, so that it keeps working between the runs that measure; and
 * {@link MigrationRatios} reads its result. No figure is asserted.
 */
class MigrationBenchmarkRunTest {

    @Test
    void migrationThroughputBenchmark_smallBatch_bothMethodsRunAndGiveARatio() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MigrationThroughputBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .param("store", "mem", "s3")
                .param("threads", "4")
                .param("objects", "40")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();

        assertThat(results).hasSize(4)
                .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void migrationRatios_resultOfBothMethods_printsObjectsPerSecondAndTheirRatio() {
        String json = "[" + row("migration", 2.0) + "," + row("plainLoop", 0.5) + "]";

        assertThat(MigrationRatios.table(json)).contains("mem").contains("1000").contains("500").contains("2000")
                .contains("0.25");
    }

    private static String row(String method, double seconds) {
        return "{\"benchmark\":\"studio.sselfie.storage.benchmarks.MigrationThroughputBenchmark." + method + "\","
                + "\"threads\":1,\"params\":{\"store\":\"mem\",\"threads\":\"4\",\"objects\":\"1000\"},"
                + "\"primaryMetric\":{\"score\":" + seconds + ",\"scoreError\":\"NaN\"}}";
    }
}
