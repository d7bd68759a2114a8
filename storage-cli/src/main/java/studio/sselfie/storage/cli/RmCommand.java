package studio.sselfie.storage.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.ListOptions;
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
        long failed;
        try (Stores stores = new Stores(); Progress progress = Progress.start(cli, "rm")) {
            failed = deletePrefix(stores.open(where), where.key(), result -> {
                result.failures().forEach((key, failure) -> cli.err.println("storage rm: " + failure.getMessage()));
                result.deleted().forEach(key -> progress.done(0));
            });
            if (!cli.quiet) {
                cli.err.println("deleted " + (progress.objects()) + " objects" + (failed > 0 ? ", " + failed + " failed" : ""));
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.STORE_ERROR;
    }

    /**
     * Deletes every key under {@code prefix} in batches of {@value StorageLimits#MAX_BATCH_DELETE_KEYS}, telling
     * {@code each} the result of every batch; returns how many keys failed. The listing continues after the keys of
     * each page, so deleting them does not disturb the pages to come.
     */
    static long deletePrefix(StorageBackend backend, String prefix, Consumer<DeleteResult> each) {
        long failed = 0;
        List<String> batch = new ArrayList<>(StorageLimits.MAX_BATCH_DELETE_KEYS);
        for (var iterator = backend.list(ListOptions.prefix(prefix)).iterator(); iterator.hasNext(); ) {
            batch.add(iterator.next().key());
            if (batch.size() == StorageLimits.MAX_BATCH_DELETE_KEYS || !iterator.hasNext()) {
                DeleteResult result = backend.deleteAll(batch);
                failed += result.failures().size();
                each.accept(result);
                batch.clear();
            }
        }
        return failed;
    }
}
