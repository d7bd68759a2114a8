package studio.sselfie.storage.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints, from one JMH JSON result of {@link MigrationThroughputBenchmark}, objects per second of the migration and of
 * the plain copy+delete loop per store and thread count, and their ratio (1.00 = the migration moves objects as fast
 * as the plain loop; the goal is at least 0.67). Scores are seconds per invocation of one batch; the ± of the
 * ratio comes from both scores' JMH errors (99.9%).
 *
 * <pre>java -cp storage-benchmarks/target/test-classes studio.sselfie.storage.benchmarks.MigrationRatios result.json</pre>
 */
public final class MigrationRatios {
    private static final String BENCHMARK = "MigrationThroughputBenchmark";

    private MigrationRatios() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MigrationRatios <jmh-result.json>");
            System.exit(2);
        }
        System.out.print(table(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    /** The table, one line per store and thread count measured with both methods. */
    static String table(String json) {
        List<BaselineRatios.Score> scores = BaselineRatios.scores(json);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s %7s %7s %14s %14s %s%n",
                "store", "threads", "objects", "migration/s", "plain loop/s", "ratio"));
        for (BaselineRatios.Score migration : scores) {
            if (!migration.benchmark().equals(BENCHMARK) || !migration.method().equals("migration")) {
                continue;
            }
            BaselineRatios.Score plain = scores.stream().filter(s -> s.benchmark().equals(BENCHMARK)
                    && s.method().equals("plainLoop") && s.params().equals(migration.params())).findFirst().orElse(null);
            if (plain == null) {
                continue;
            }
            String store = migration.params().get("store");
            int objects = Integer.parseInt(migration.params().get("objects"));
            int batch = store.equals("s3-5ms") ? Math.max(1, objects / 5) : objects;
            double ratio = plain.score() / migration.score();
            double relative = Math.sqrt(square(migration.error() / migration.score()) + square(plain.error() / plain.score()));
            out.append(String.format(Locale.ROOT, "%-8s %7s %7d %14.0f %14.0f %.2f%s%n", store,
                    migration.params().get("threads"), batch, batch / migration.score(), batch / plain.score(), ratio,
                    Double.isNaN(relative) ? "" : String.format(Locale.ROOT, " ± %.2f", ratio * relative)));
        }
        return out.toString();
    }

    private static double square(double x) {
        return x * x;
    }
}
