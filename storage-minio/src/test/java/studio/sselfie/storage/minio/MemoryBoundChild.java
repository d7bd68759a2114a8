package studio.sselfie.storage.minio;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * The child JVM of {@link MinioMemoryBoundTest}: streams a generated object of unknown length up through the backend
 * and back down, and prints the SHA-256 of both directions. Arguments: endpoint, region, bucket, key, size, seed and optionally the number of such puts made at once (each under
 * {@code key-i}, all with the same bytes); the
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
        int puts = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        boolean roundTripped = true;
        try (MinioStorageBackend backend = MinioStorageBackend.create(config)) {
            System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());
            // Several puts at once share the backend's part buffers: memory stays partSize x maxPartsInFlight.
            List<Future<String>> uploads = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(puts);
            for (int i = 0; i < puts; i++) {
                String name = puts == 1 ? key : key + "-" + i;
                uploads.add(threads.submit(() -> upload(backend, name, size, seed)));
            }
            for (int i = 0; i < puts; i++) {
                String name = puts == 1 ? key : key + "-" + i;
                String upload = uploads.get(i).get();
                String download = download(backend, name, size);
                System.out.println("uploaded " + size + " " + upload);
                System.out.println("downloaded " + (download == null ? "wrong size" : size + " " + download));
                roundTripped &= upload.equals(download);
            }
            threads.shutdown();
        }
        System.exit(roundTripped ? 0 : 1);
    }

    private static String upload(StorageBackend backend, String key, long size, long seed) throws Exception {
        MessageDigest up = MessageDigest.getInstance("SHA-256");
        ObjectInfo stored;
        try (InputStream body = new DigestInputStream(new GeneratedStream(size, seed), up)) {
            stored = backend.put(key, body, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());
        }
        return stored.size() == size ? HexFormat.of().formatHex(up.digest()) : "stored " + stored.size() + " bytes";
    }

    /** The SHA-256 of the object read back, or null when its length is wrong. */
    private static String download(StorageBackend backend, String key, long size) throws Exception {
        try (StorageObject object = backend.get(key)) {
            MessageDigest down = MessageDigest.getInstance("SHA-256");
            long downloaded;
            try (InputStream in = new DigestInputStream(object.stream(), down)) {
                downloaded = in.transferTo(OutputStream.nullOutputStream());
            }
            return downloaded == size ? HexFormat.of().formatHex(down.digest()) : null;
        }
    }
}
