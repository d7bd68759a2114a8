package studio.sselfie.storage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every benchmark runs through JMH's real harness once, briefly and in this JVM, so that the benchmarks keep working
 * between the runs that measure (profile {@code benchmarks}). No figure is asserted: only that each benchmark and
 * each of its parameters ran without an error (the large-object benchmark checks size and CRC32C of every transfer).
 */
class BenchmarksRunTest {

    private static ChainedOptionsBuilder quick(Class<?> benchmark) {
        return quick(benchmark, "");
    }

    /** @param methods a regular expression the benchmark's method names must match from their start */
    private static ChainedOptionsBuilder quick(Class<?> benchmark, String methods) {
        return new OptionsBuilder()
                .include(benchmark.getName() + "\\." + methods)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private static List<String> ran(Collection<RunResult> results) {
        return results.stream()
                .map(result -> result.getParams().getBenchmark().replaceAll(".*\\.", "") + " "
                        + String.join(",", result.getParams().getParamsKeys().stream()
                        .map(key -> key + "=" + result.getParams().getParam(key)).toList()))
                .toList();
    }

    @Test
    void backendBenchmark_everyStoreAndOperation_runs() throws RunnerException {
        Collection<RunResult> results = new Runner(quick(BackendBenchmark.class).threads(2)
                .param("imageBytes", "16384").build()).run();

        assertThat(ran(results)).containsExactlyInAnyOrder(
                "get imageBytes=16384,store=mem", "get imageBytes=16384,store=s3", "get imageBytes=16384,store=minio",
                "head imageBytes=16384,store=mem", "head imageBytes=16384,store=s3", "head imageBytes=16384,store=minio",
                "put imageBytes=16384,store=mem", "put imageBytes=16384,store=s3", "put imageBytes=16384,store=minio");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void clientBaselineBenchmark_rawClients_putAndGetRun() throws RunnerException {
        // The raw clients (the backends' put and get run in backendBenchmark_everyStoreAndOperation_runs), 16 KiB, put
        // on 1 thread and get on 8: 4 trials of about a second. The other rows run the same code and would only add
        // time to every build.
        Collection<RunResult> results = new Runner(quick(ClientBaselineBenchmark.class, "(put|get8)$")
                .measurementTime(TimeValue.milliseconds(100))
                .param("store", "s3-raw", "minio-raw")
                .param("size", "16384").build()).run();

        assertThat(ran(results)).containsExactlyInAnyOrder(
                "put size=16384,store=s3-raw", "put size=16384,store=minio-raw",
                "get8 size=16384,store=s3-raw", "get8 size=16384,store=minio-raw");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
        assertThat(results).filteredOn(result -> result.getParams().getBenchmark().endsWith("get8"))
                .allSatisfy(result -> assertThat(result.getParams().getThreads()).isEqualTo(8));
    }

    @Test
    void inMemoryCostBenchmark_everyOperation_runs() throws RunnerException {
        Collection<RunResult> results = new Runner(quick(InMemoryCostBenchmark.class).build()).run();

        assertThat(ran(results)).hasSize(7).contains("memPut ", "mapPutCopyMd5 ", "memHead ");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void fileSystemBenchmark_everyOperationAndSize_runs() throws RunnerException {
        Collection<RunResult> results = new Runner(quick(FileSystemBenchmark.class).build()).run();

        assertThat(ran(results)).hasSize(14).contains("fsPutWithoutSha256 size=16384", "rawPutMd5SyncedDirectory size=1048576", "fsPut size=16384", "rawPut size=1048576", "rawPutSyncedDirectory size=16384", "fsGet size=16384",
                "rawGet size=1048576");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void resilienceOverheadBenchmark_everyWrapping_runs() throws RunnerException {
        Collection<RunResult> results = new Runner(quick(ResilienceOverheadBenchmark.class).threads(2).build()).run();

        assertThat(ran(results)).hasSize(6).contains("get wrapping=resilient", "put wrapping=resilient-unverified");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void largeObjectBenchmark_objectOverOnePart_upAndDownChecked() throws RunnerException {
        // 8 MiB + 1 byte: two parts of the default 8 MiB part size, so the multipart path is the one exercised.
        Collection<RunResult> results = new Runner(quick(LargeObjectBenchmark.class)
                .param("bytes", Long.toString(8L * 1024 * 1024 + 1)).build()).run();

        assertThat(ran(results)).hasSize(4).contains("upload bytes=8388609,store=s3", "download bytes=8388609,store=minio");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }
}
