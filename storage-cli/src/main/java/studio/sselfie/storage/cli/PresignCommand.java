package studio.sselfie.storage.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.Presigner;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;

/**
 * {@code storage presign LOCATION}: a signed request a client sends to the store directly. GET by default; PUT or
 * POST with the upload's constraints, each enforced by the store (a constraint the method cannot enforce is refused).
 * The URL printed is a bearer credential until it expires: it goes to stdout only, as asked.
 */
@Command(name = "presign", description = "Sign a GET, PUT or POST that a client sends to the store directly.")
final class PresignCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(paramLabel = "LOCATION", description = "Store and key (or key prefix for a POST with --key-prefix).")
    String location;

    @Option(names = "--method", description = "GET, PUT or POST (default: ${DEFAULT-VALUE}).")
    String method = "GET";

    @Option(names = "--expires", paramLabel = "SECONDS", description = "Validity in seconds, 1..604800 (default: ${DEFAULT-VALUE}).")
    long expires = Presigner.DEFAULT_EXPIRY.toSeconds();

    @Option(names = "--filename", description = "GET: the name a browser saves the object under.")
    String filename;

    @Option(names = "--content-type", description = "PUT/POST: the exact content type to require.")
    String contentType;

    @Option(names = "--content-type-prefix", description = "POST: the prefix the content type must start with.")
    String contentTypePrefix;

    @Option(names = "--key-prefix", description = "POST: LOCATION's key is a prefix; the client picks the rest.")
    boolean keyPrefix;

    @Option(names = "--min-size", description = "POST: the smallest upload in bytes.")
    Long minSize;

    @Option(names = "--max-size", description = "PUT: the exact size; POST: the largest upload, in bytes.")
    Long maxSize;

    @Option(names = "--no-overwrite", description = "PUT: fail if the key exists.")
    boolean noOverwrite;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        Duration expiry = Duration.ofSeconds(expires);
        PresignedRequest request;
        try (Stores stores = new Stores()) {
            Presigner presigner = stores.open(where).presigner();
            switch (method.toUpperCase(java.util.Locale.ROOT)) {
                case "GET" -> {
                    DownloadOptions.Builder options = DownloadOptions.builder().expiry(expiry);
                    if (filename != null) {
                        options.responseContentDisposition(ContentDisposition.attachment(filename));
                    }
                    request = presigner.download(where.key(), options.build());
                }
                case "PUT", "POST" -> request = presigner.upload(UploadMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT)),
                        policy(where, expiry));
                default -> throw new IllegalArgumentException("--method must be GET, PUT or POST, was " + method);
            }
        }
        print(request);
        return ExitCodes.OK;
    }

    private UploadPolicy policy(Location where, Duration expiry) {
        UploadPolicy.Builder policy = UploadPolicy.builder().expiry(expiry);
        if (keyPrefix) {
            policy.keyPrefix(where.key());
        } else {
            policy.key(where.key());
        }
        if (contentType != null) {
            policy.contentType(contentType);
        }
        if (contentTypePrefix != null) {
            policy.contentTypePrefix(contentTypePrefix);
        }
        if (maxSize != null) {
            policy.sizeRange(minSize == null ? maxSize : minSize, maxSize);
        } else if (minSize != null) {
            policy.sizeRange(minSize, UploadPolicy.MAX_UPLOAD_BYTES);
        }
        if (noOverwrite) {
            policy.noOverwrite();
        }
        return policy.build();
    }

    private void print(PresignedRequest request) {
        if (cli.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("method", request.method());
            line.put("url", request.url().toString());
            line.put("headers", request.headers());
            line.put("formFields", request.formFields());
            line.put("clientFields", request.clientFields());
            line.put("expiresAt", request.expiresAt().toString());
            cli.out.println(Json.line(line));
            return;
        }
        cli.out.println(request.method() + " " + request.url());
        request.headers().forEach((name, value) -> cli.out.println("header " + name + ": " + value));
        request.formFields().forEach((name, value) -> cli.out.println("field " + name + "=" + value));
        request.clientFields().forEach(name -> cli.out.println("client field " + name + " (filled by the client)"));
        if (!cli.quiet) {
            cli.err.println("valid until " + request.expiresAt() + "; anyone holding it can use it until then");
        }
    }
}
