package studio.sselfie.storage.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageOperation;

/** {@code storage stat LOCATION}: everything the store says of one object. */
@Command(name = "stat", description = "Show an object's size, ETag, dates, type, headers and metadata.")
final class StatCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(paramLabel = "LOCATION", description = "Store and key, e.g. s3://photos/users/1/a.jpg")
    String location;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        try (Stores stores = new Stores()) {
            var backend = stores.open(where);
            ObjectInfo info = backend.head(where.key()).orElseThrow(() -> new ObjectNotFoundException(backend.name(),
                    StorageOperation.HEAD, where.key(), "no such object", null));
            Map<String, Object> fields = Json.of(info);
            if (cli.json) {
                cli.out.println(Json.line(fields));
            } else {
                fields.forEach((name, value) -> cli.out.printf("%-14s %s%n", name + ":", value));
            }
        }
        return ExitCodes.OK;
    }
}
