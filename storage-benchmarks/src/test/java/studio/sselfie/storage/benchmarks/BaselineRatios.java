package studio.sselfie.storage.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prints, from one JMH JSON result ({@code -rf json -rff FILE}), the ratio of each backend to its baseline measured in
 * the same run: {@code s3 / s3-raw} and {@code minio / minio-raw} per operation, size and thread count of
 * {@link ClientBaselineBenchmark}, and the in-memory backend over a bare map of {@link InMemoryCostBenchmark}. A ratio
 * is throughput over throughput (1.00 = as fast as the baseline); its ± comes from the two scores' JMH errors (99.9%).
 * Uses the JDK alone, so it also runs as a single source file:
 *
 * <pre>java storage-benchmarks/src/test/java/studio/sselfie/storage/benchmarks/BaselineRatios.java result.json</pre>
 */
public final class BaselineRatios {
    private static final String BASELINES = "ClientBaselineBenchmark";
    private static final String IN_MEMORY = "InMemoryCostBenchmark";
    /** In-memory operation and the bare-map baseline it is read against. */
    private static final String[][] IN_MEMORY_PAIRS = {
            {"memPut", "mapPut"}, {"memPut", "mapPutCopyMd5"}, {"memGet", "mapGet"}, {"memGet", "mapGetRead"},
            {"memHead", "mapGet"}};

    private BaselineRatios() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BaselineRatios <jmh-result.json>");
            System.exit(2);
        }
        System.out.print(table(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    /** One measured row of the result. */
    record Score(String benchmark, String method, int threads, Map<String, String> params, double score, double error) {
    }

    /** The ratio table of a JMH JSON result, one line per row; empty (but for the header) when no pair is found. */
    static String table(String json) {
        List<Score> scores = scores(json);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-10s %-5s %9s %7s %14s %14s %7s%n",
                "store", "op", "size", "threads", "backend ops/s", "raw ops/s", "ratio"));
        for (Score backend : scores) {
            if (!backend.benchmark().equals(BASELINES) || backend.params().get("store").endsWith("-raw")) {
                continue;
            }
            Score raw = find(scores, BASELINES, backend.method(), backend.threads(), with(backend.params(), "store",
                    backend.params().get("store") + "-raw"));
            if (raw != null) {
                out.append(String.format(Locale.ROOT, "%-10s %-5s %9s %7d %14.1f %14.1f %s%n",
                        backend.params().get("store"), backend.method().replaceAll("\\d+$", ""),
                        size(backend.params().get("size")), backend.threads(), backend.score(), raw.score(),
                        ratio(backend, raw)));
            }
        }
        for (String[] pair : IN_MEMORY_PAIRS) {
            Score mem = find(scores, IN_MEMORY, pair[0], -1, Map.of());
            Score map = find(scores, IN_MEMORY, pair[1], -1, Map.of());
            if (mem != null && map != null) {
                out.append(String.format(Locale.ROOT, "%-10s %-5s %9s %7d %14.1f %14.1f %s   (%s / %s)%n",
                        "mem", pair[0].substring(3).toLowerCase(Locale.ROOT), "16 KiB", mem.threads(), mem.score(),
                        map.score(), ratio(mem, map), pair[0], pair[1]));
            }
        }
        return out.toString();
    }

    private static String ratio(Score a, Score b) {
        double ratio = a.score() / b.score();
        double relative = Math.sqrt(square(a.error() / a.score()) + square(b.error() / b.score()));
        return Double.isNaN(relative) ? String.format(Locale.ROOT, "%7.4f", ratio)
                : String.format(Locale.ROOT, "%7.4f ± %.4f", ratio, ratio * relative);
    }

    private static double square(double x) {
        return x * x;
    }

    private static String size(String bytes) {
        long n = Long.parseLong(bytes);
        return n % (1024 * 1024) == 0 ? n / (1024 * 1024) + " MiB" : n % 1024 == 0 ? n / 1024 + " KiB" : n + " B";
    }

    private static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        changed.put(key, value);
        return changed;
    }

    private static Score find(List<Score> scores, String benchmark, String method, int threads, Map<String, String> params) {
        for (Score s : scores) {
            if (s.benchmark().equals(benchmark) && s.method().equals(method) && (threads < 0 || s.threads() == threads)
                    && s.params().equals(params)) {
                return s;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static List<Score> scores(String json) {
        List<Score> scores = new ArrayList<>();
        for (Object row : (List<Object>) new Json(json).value()) {
            Map<String, Object> result = (Map<String, Object>) row;
            String name = (String) result.get("benchmark");
            String[] parts = name.split("\\.");
            Map<String, String> params = new LinkedHashMap<>();
            Object given = result.get("params");
            if (given != null) {
                ((Map<String, Object>) given).forEach((key, value) -> params.put(key, String.valueOf(value)));
            }
            Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
            scores.add(new Score(parts[parts.length - 2], parts[parts.length - 1],
                    ((Number) result.get("threads")).intValue(), params, number(metric.get("score")),
                    number(metric.get("scoreError"))));
        }
        return scores;
    }

    // JMH writes "NaN" (a string) for the error of a single measurement.
    private static double number(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
    }

    /** Just enough JSON for JMH's result files: objects, arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = Objects.requireNonNull(text, "text is null");
        }

        Object value() {
            skipSpace();
            char c = text.charAt(at);
            switch (c) {
                case '{': {
                    Map<String, Object> object = new LinkedHashMap<>();
                    at++;
                    skipSpace();
                    if (text.charAt(at) == '}') {
                        at++;
                        return object;
                    }
                    while (true) {
                        skipSpace();
                        String key = string();
                        skipSpace();
                        expect(':');
                        object.put(key, value());
                        skipSpace();
                        if (text.charAt(at++) == '}') {
                            return object;
                        }
                    }
                }
                case '[': {
                    List<Object> array = new ArrayList<>();
                    at++;
                    skipSpace();
                    if (text.charAt(at) == ']') {
                        at++;
                        return array;
                    }
                    while (true) {
                        array.add(value());
                        skipSpace();
                        if (text.charAt(at++) == ']') {
                            return array;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    int start = at;
                    while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    String word = text.substring(start, at);
                    switch (word) {
                        case "true":
                            return Boolean.TRUE;
                        case "false":
                            return Boolean.FALSE;
                        case "null":
                            return null;
                        default:
                            return Double.parseDouble(word);
                    }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at + ", found '" + text.charAt(at) + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
