package studio.sselfie.storage.minio;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * The child JVM of {@link MinioMemoryBoundTest}: streams a generated object of unknown length up through the backend
 * and back down, and prints the SHA-256 of both directions. Arguments: endpoint, region, bucket, key, size, seed; the
 * credentials come from {@code MINIO_ACCESS_KEY} and {@code MINIO_SECRET_KEY}, so they are never on a command line.
 */
public final class MemoryBoundChild {
    private MemoryBoundChild() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String region = args[1];
        String bucket = args[2];
        String key = args[3];
        long size = Long.parseLong(args[4]);
        long seed = Long.parseLong(args[5]);
        MinioStorageConfig config = MinioStorageConfig.builder().endpoint(endpoint).region(region).bucket(bucket)
                .credentials(System.getenv(MinioStorageProvider.ENV_ACCESS_KEY), System.getenv(MinioStorageProvider.ENV_SECRET_KEY))
                .build();
        boolean roundTripped;
        try (MinioStorageBackend backend = MinioStorageBackend.create(config)) {
            MessageDigest up = MessageDigest.getInstance("SHA-256");
            ObjectInfo stored;
            try (InputStream body = new DigestInputStream(new GeneratedStream(size, seed), up)) {
                stored = backend.put(key, body, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());
            }
            String download;
            long downloaded;
            try (StorageObject object = backend.get(key)) {
                MessageDigest down = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(object.stream(), down)) {
                    downloaded = in.transferTo(OutputStream.nullOutputStream());
                }
                download = HexFormat.of().formatHex(down.digest());
            }
            String upload = HexFormat.of().formatHex(up.digest());
            System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());
            System.out.println("uploaded " + stored.size() + " " + upload);
            System.out.println("downloaded " + downloaded + " " + download);
            roundTripped = upload.equals(download) && downloaded == size && stored.size() == size;
        }
        System.exit(roundTripped ? 0 : 1);
    }
}
