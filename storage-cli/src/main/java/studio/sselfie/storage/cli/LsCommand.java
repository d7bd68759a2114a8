package studio.sselfie.storage.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.StorageBackend;

/** {@code storage ls LOCATION}: the objects and "folders" under a prefix, in key order, streamed page by page. */
@Command(name = "ls", description = "List objects under a prefix (one level; -r for all levels).")
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(paramLabel = "LOCATION", description = "Store and prefix, e.g. s3://photos/users/1/?region=eu-west-1")
    String location;

    @Option(names = {"-r", "--recursive"}, description = "Every key under the prefix, not only one level.")
    boolean recursive;

    @Option(names = {"-H", "--human-readable"}, description = "Sizes in KiB, MiB, GiB.")
    boolean human;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        ListOptions.Builder options = ListOptions.builder().prefix(where.key());
        if (!recursive) {
            options.delimiter("/");
        }
        long[] totals = new long[2];
        try (Stores stores = new Stores()) {
            StorageBackend backend = stores.open(where);
            backend.listPages(options.build()).forEach(page -> {
                for (String prefix : page.commonPrefixes()) {
                    if (cli.json) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("prefix", prefix);
                        cli.out.println(Json.line(line));
                    } else {
                        cli.out.printf("%24s %12s  %s%n", "", "PRE", prefix);
                    }
                }
                page.objects().forEach(info -> {
                    totals[0]++;
                    totals[1] += info.size();
                    if (cli.json) {
                        cli.out.println(Json.line(Json.of(info)));
                    } else {
                        cli.out.printf("%24s %12s  %s%n", info.lastModified(),
                                human ? Progress.human(info.size()) : Long.toString(info.size()), info.key());
                    }
                });
            });
        }
        if (!cli.json && !cli.quiet) {
            cli.err.println(totals[0] + " objects, " + Progress.human(totals[1]));
        }
        return ExitCodes.OK;
    }
}
