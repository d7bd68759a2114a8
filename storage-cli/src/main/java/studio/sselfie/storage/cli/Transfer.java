package studio.sselfie.storage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * One object from a source store to a target: skipped if the target already holds it (same size and MD5 ETag),
 * copied inside the store when both are the same store, else streamed through this process; verified either way.
 * Thread-safe.
 */
final class Transfer {
    enum Outcome { COPIED, SKIPPED, MISMATCH }

    private final StorageBackend source;
    private final StorageBackend target;
    private final boolean sameStore;

    Transfer(StorageBackend source, StorageBackend target, boolean sameStore) {
        this.source = source;
        this.target = target;
        this.sameStore = sameStore;
    }

    Outcome copy(ObjectInfo info, String targetKey) {
        Optional<ObjectInfo> there = target.head(targetKey);
        if (there.isPresent() && Comparison.provenSame(info, there.get())) {
            return Outcome.SKIPPED;
        }
        if (sameStore) {
            ObjectInfo copied = source.copy(info.key(), targetKey);
            return Comparison.same(source, info, target, copied) ? Outcome.COPIED : Outcome.MISMATCH;
        }
        MessageDigest md5 = Comparison.digest("MD5");
        MessageDigest sha256 = Comparison.digest("SHA-256");
        ObjectInfo written;
        try (StorageObject object = source.get(info.key());
                InputStream in = new DigestInputStream(new DigestInputStream(object.stream(), md5), sha256)) {
            written = target.put(targetKey, in, object.contentLength(), attributes(object.info()));
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + info.key(), e);
        }
        if (written.size() != info.size()) {
            return Outcome.MISMATCH;
        }
        if (Comparison.isMd5(written.etag())) {
            return Comparison.md5Of(written.etag()).equalsIgnoreCase(HexFormat.of().formatHex(md5.digest()))
                    ? Outcome.COPIED : Outcome.MISMATCH;
        }
        // A multipart or encrypted target's ETag is no MD5 of the bytes: read it back.
        return Comparison.sha256(target, targetKey).equals(HexFormat.of().formatHex(sha256.digest()))
                ? Outcome.COPIED : Outcome.MISMATCH;
    }

    // What the target can keep of the source's attributes: type and headers always, metadata where supported.
    private PutOptions attributes(ObjectInfo info) {
        PutOptions.Builder options = PutOptions.builder().headers(info.headers());
        info.contentType().ifPresent(options::contentType);
        if (target.supports(Capability.USER_METADATA)) {
            options.metadata(info.metadata());
        }
        return options.build();
    }
}
