package studio.sselfie.storage.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.Utf8Order;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;

/**
 * {@code storage check SRC DST}: compares two prefixes key by key, in one pass over both listings (both come in
 * UTF-8 byte order), and prints a line per key as rclone's {@code check --combined} does: {@code = key} the same,
 * {@code * key} different, {@code + key} only in SRC, {@code - key} only in DST, {@code ! key} could not be compared.
 * Objects are the same when they have the same size and MD5 ETag or SHA-256; otherwise both are read and hashed.
 * Exit code 1 when anything differs.
 */
@Command(name = "check", description = "Compare two stores or prefixes key by key (= * + - !); exit 1 on differences.")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(index = "0", paramLabel = "SRC", description = "Source store and prefix.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Target store and prefix.")
    String target;

    @Override
    public Integer call() {
        Location from = Location.parse(source);
        Location to = Location.parse(target);
        Map<Character, Long> counts = new LinkedHashMap<>();
        for (char mark : new char[] {'=', '*', '+', '-', '!'}) {
            counts.put(mark, 0L);
        }
        try (Stores stores = new Stores(); Progress progress = Progress.start(cli, "check")) {
            StorageBackend src = stores.open(from);
            StorageBackend dst = stores.open(to);
            Iterator<ObjectInfo> left = src.list(ListOptions.prefix(from.key())).iterator();
            Iterator<ObjectInfo> right = dst.list(ListOptions.prefix(to.key())).iterator();
            ObjectInfo a = next(left);
            ObjectInfo b = next(right);
            while (a != null || b != null) {
                String ka = a == null ? null : a.key().substring(from.key().length());
                String kb = b == null ? null : b.key().substring(to.key().length());
                int order = ka == null ? 1 : kb == null ? -1 : Utf8Order.INSTANCE.compare(ka, kb);
                if (order < 0) {
                    print('+', ka, counts);
                    a = next(left);
                } else if (order > 0) {
                    print('-', kb, counts);
                    b = next(right);
                } else {
                    print(compare(src, a, dst, b), ka, counts);
                    progress.done(a.size());
                    a = next(left);
                    b = next(right);
                }
            }
        }
        long differences = counts.entrySet().stream().filter(e -> e.getKey() != '=').mapToLong(Map.Entry::getValue).sum();
        if (cli.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("same", counts.get('='));
            line.put("different", counts.get('*'));
            line.put("onlyInSource", counts.get('+'));
            line.put("onlyInTarget", counts.get('-'));
            line.put("errors", counts.get('!'));
            cli.out.println(Json.line(line));
        } else if (!cli.quiet) {
            cli.err.println(counts.get('=') + " same, " + counts.get('*') + " different, " + counts.get('+')
                    + " only in source, " + counts.get('-') + " only in target, " + counts.get('!') + " errors");
        }
        return differences == 0 ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    private char compare(StorageBackend src, ObjectInfo a, StorageBackend dst, ObjectInfo b) {
        try {
            return Comparison.same(src, a, dst, b) ? '=' : '*';
        } catch (RuntimeException e) {
            cli.err.println("storage check: " + a.key() + ": " + e.getMessage());
            return '!';
        }
    }

    private void print(char mark, String key, Map<Character, Long> counts) {
        counts.merge(mark, 1L, Long::sum);
        if (cli.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("mark", String.valueOf(mark));
            line.put("key", key);
            cli.out.println(Json.line(line));
        } else {
            cli.out.println(mark + " " + key);
        }
    }

    private static ObjectInfo next(Iterator<ObjectInfo> objects) {
        return objects.hasNext() ? objects.next() : null;
    }
}
