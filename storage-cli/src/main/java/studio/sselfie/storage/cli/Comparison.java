package studio.sselfie.storage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Whether two objects hold the same bytes, as cheaply as the stores allow: different sizes differ; equal ETags that
 * are MD5s (32 hex digits, what S3 and MinIO give a one-part object) or equal SHA-256s are the same; otherwise both are
 * read and hashed.
 */
final class Comparison {
    private static final Pattern MD5_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}\"?");

    private Comparison() {
    }

    /** Whether the cheap checks alone prove the two the same (equal size and equal MD5 ETag or SHA-256). */
    static boolean provenSame(ObjectInfo a, ObjectInfo b) {
        if (a.size() != b.size()) {
            return false;
        }
        return isMd5(a.etag()) && isMd5(b.etag()) && md5Of(a.etag()).equalsIgnoreCase(md5Of(b.etag()))
                || a.sha256().isPresent() && a.sha256().equals(b.sha256());
    }

    /** Whether the two hold the same bytes, reading them only where the cheap checks cannot tell. */
    static boolean same(StorageBackend backendA, ObjectInfo a, StorageBackend backendB, ObjectInfo b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (provenSame(a, b)) {
            return true;
        }
        return sha256(backendA, a.key()).equals(sha256(backendB, b.key()));
    }

    static boolean isMd5(String etag) {
        return MD5_ETAG.matcher(etag).matches();
    }

    static String md5Of(String etag) {
        return etag.replace("\"", "");
    }

    static String sha256(StorageBackend backend, String key) {
        MessageDigest digest = digest("SHA-256");
        try (StorageObject object = backend.get(key); InputStream in = object.stream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " of " + backend.name(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
