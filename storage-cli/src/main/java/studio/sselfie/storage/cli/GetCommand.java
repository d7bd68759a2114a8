package studio.sselfie.storage.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.ObjectInfo;

/** {@code storage get LOCATION FILE}: the object to a local file (or into a directory under its name). */
@Command(name = "get", description = "Download an object to a file.")
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(index = "0", paramLabel = "LOCATION", description = "Store and key.")
    String location;

    @Parameters(index = "1", paramLabel = "FILE", description = "Target file, or a directory to put it in.")
    Path file;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        Path target = Files.isDirectory(file) ? file.resolve(where.key().substring(where.key().lastIndexOf('/') + 1)) : file;
        try (Stores stores = new Stores()) {
            ObjectInfo info = stores.open(where).download(where.key(), target);
            if (!cli.quiet) {
                cli.err.println(where.key() + " -> " + target + " (" + Progress.human(info.size()) + ")");
            }
        }
        return ExitCodes.OK;
    }
}
