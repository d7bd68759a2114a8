package studio.sselfie.storage.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

/**
 * {@code storage put FILE|- LOCATION}: a file or stdin to a key, streamed (stdin is of unknown length: the backend
 * uploads it in parts). The content type is {@code --content-type}, or guessed from the first bytes (JPEG, PNG, GIF,
 * ...), or {@code application/octet-stream}.
 */
@Command(name = "put", description = "Upload a file (or - for stdin) to a key.")
final class PutCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file, or - for stdin.")
    String file;

    @Parameters(index = "1", paramLabel = "LOCATION", description = "Store and key (a key ending in / takes the file's name).")
    String location;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Content type; default: guessed from the bytes.")
    String contentType;

    @Option(names = "--metadata", paramLabel = "NAME=VALUE", description = "User metadata, repeatable.")
    Map<String, String> metadata = Map.of();

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        boolean stdin = file.equals("-");
        String key = where.isPrefix() && !stdin ? where.key() + Path.of(file).getFileName() : where.key();
        try (Stores stores = new Stores();
                InputStream in = new BufferedInputStream(stdin ? System.in : Files.newInputStream(Path.of(file)))) {
            PutOptions.Builder options = PutOptions.builder().metadata(metadata);
            String type = contentType != null ? contentType : URLConnection.guessContentTypeFromStream(in);
            if (type != null) {
                options.contentType(type);
            }
            long length = stdin ? StorageBackend.UNKNOWN_LENGTH : Files.size(Path.of(file));
            ObjectInfo info = stores.open(where).put(key, in, length, options.build());
            if (cli.json) {
                cli.out.println(Json.line(Json.of(info)));
            } else if (!cli.quiet) {
                cli.err.println(file + " -> " + where.withKey(key) + " (" + Progress.human(info.size()) + ", "
                        + info.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return ExitCodes.OK;
    }
}
