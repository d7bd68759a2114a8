package studio.sselfie.storage.s3;

import java.io.InputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Run in a child JVM with a small heap by {@link S3MemoryBoundTest}: streams an object of unknown length, generated
 * on the fly, up through the S3 backend and back down, and prints the SHA-256 of both directions.
 *
 * <p>Arguments: endpoint, region, path style, bucket, key, size in bytes, seed, parts in flight. The access key and secret come from the
 * environment ({@value #ACCESS_KEY_ENV}, {@value #SECRET_KEY_ENV}) so that they never show in a process listing.
 */
final class MemoryBoundUpAndDown {
    static final String ACCESS_KEY_ENV = "MEMORY_BOUND_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "MEMORY_BOUND_SECRET_KEY";

    private MemoryBoundUpAndDown() {
    }

    public static void main(String[] args) throws Exception {
        S3StorageConfig config = S3StorageConfig.builder()
                .endpoint(URI.create(args[0]))
                .region(args[1])
                .pathStyle(Boolean.parseBoolean(args[2]))
                .bucket(args[3])
                .maxPartsInFlight(Integer.parseInt(args[7]))
                .credentials(System.getenv(ACCESS_KEY_ENV), System.getenv(SECRET_KEY_ENV))
                .build();
        String key = args[4];
        long size = Long.parseLong(args[5]);
        long seed = Long.parseLong(args[6]);
        try (S3StorageBackend backend = new S3StorageBackend(config)) {
            MessageDigest up = MessageDigest.getInstance("SHA-256");
            try (InputStream body = new DigestInputStream(TestBodies.random(size, seed), up)) {
                backend.put(key, body, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());
            }
            String down;
            try (StorageObject object = backend.get(key)) {
                down = TestBodies.sha256(object.stream());
            }
            System.out.println("max-heap " + Runtime.getRuntime().maxMemory());
            System.out.println("part-size " + config.partSize() + " parts-in-flight " + config.maxPartsInFlight());
            System.out.println("up " + HexFormat.of().formatHex(up.digest()));
            System.out.println("down " + down);
        }
    }
}
