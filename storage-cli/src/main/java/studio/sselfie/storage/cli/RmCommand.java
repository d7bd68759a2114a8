package studio.sselfie.storage.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageLimits;

/**
 * {@code storage rm LOCATION}: one key, or with {@code --recursive --yes} every key under a prefix, in batches of
 * {@value StorageLimits#MAX_BATCH_DELETE_KEYS} (one request each where the store deletes in batches). Deleting a key
 * that is not there is not an error, as on S3.
 */
@Command(name = "rm", description = "Delete a key, or every key under a prefix (-r --yes).")
final class RmCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(paramLabel = "LOCATION", description = "Store and key, or prefix with -r.")
    String location;

    @Option(names = {"-r", "--recursive"}, description = "Delete every key under the prefix.")
    boolean recursive;

    @Option(names = "--yes", description = "Confirm deleting a prefix.")
    boolean yes;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        if (!recursive) {
            if (where.isPrefix()) {
                throw new IllegalArgumentException("'" + where + "' is a prefix: delete it with -r --yes");
            }
            try (Stores stores = new Stores()) {
                stores.open(where).delete(where.key());
            }
            return ExitCodes.OK;
        }
        if (!yes) {
            throw new IllegalArgumentException("deleting every key under '" + where + "' needs --yes");
        }
        int failed = 0;
        try (Stores stores = new Stores(); Progress progress = Progress.start(cli, "rm")) {
            StorageBackend backend = stores.open(where);
            List<String> batch = new ArrayList<>(StorageLimits.MAX_BATCH_DELETE_KEYS);
            // Listing continues after the keys of each page: deleting them does not disturb the pages to come.
            for (var iterator = backend.list(ListOptions.prefix(where.key())).iterator(); iterator.hasNext(); ) {
                ObjectInfo info = iterator.next();
                batch.add(info.key());
                if (batch.size() == StorageLimits.MAX_BATCH_DELETE_KEYS || !iterator.hasNext()) {
                    failed += delete(backend, batch, progress);
                    batch.clear();
                }
            }
            if (!cli.quiet) {
                cli.err.println("deleted " + (progress.objects()) + " objects" + (failed > 0 ? ", " + failed + " failed" : ""));
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.STORE_ERROR;
    }

    private int delete(StorageBackend backend, List<String> keys, Progress progress) {
        DeleteResult result = backend.deleteAll(keys);
        result.failures().forEach((key, failure) -> cli.err.println("storage rm: " + failure.getMessage()));
        result.deleted().forEach(key -> progress.done(0));
        return result.failures().size();
    }
}
