package studio.sselfie.storage.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.StorageObject;

/** {@code storage cat LOCATION}: the object's bytes to stdout, streamed. */
@Command(name = "cat", description = "Write an object's bytes to stdout.")
final class CatCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(paramLabel = "LOCATION", description = "Store and key.")
    String location;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        try (Stores stores = new Stores(); StorageObject object = stores.open(where).get(where.key())) {
            object.stream().transferTo(cli.out);
            cli.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + where, e);
        }
        return ExitCodes.OK;
    }
}
