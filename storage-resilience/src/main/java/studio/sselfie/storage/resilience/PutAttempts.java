package studio.sselfie.storage.resilience;

import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.resilience.ReplayableBody.Digests;

/**
 * The attempts of one put: sends the body, and after a retryable failure either settles a conditional put by
 * reading the object back, or sends the body again when it can be replayed (see {@link ResilientStorageBackend}).
 */
abstract class PutAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(PutAttempts.class);

    private final ResilientStorageBackend owner;
    private final StorageBackend delegate;
    private final String key;
    private final long length;
    private final PutOptions options;

    PutAttempts(ResilientStorageBackend owner, String key, long length, PutOptions options) {
        this.owner = owner;
        this.delegate = owner.delegate();
        this.key = key;
        this.length = length;
        this.options = options;
    }

    /** The body of the first attempt. */
    abstract ReplayableBody first();

    /** Whether the body can be sent once more after {@code sent} was (partly) read. */
    abstract boolean canSendAgain(ReplayableBody sent);

    /** The body of the next attempt; only called when {@link #canSendAgain} said yes. */
    abstract ReplayableBody again(ReplayableBody sent);

    ObjectInfo run() {
        Retry.Context<ObjectInfo> context = owner.retry().context();
        ReplayableBody body = first();
        while (true) {
            ReplayableBody sent = body;
            try {
                ObjectInfo info = owner.guard(StorageOperation.PUT, key, () -> delegate.put(key, sent, length, options));
                context.onComplete();
                return info;
            } catch (StorageException e) {
                if (e.isRetryable() && !(e instanceof CallRejectedException)) {
                    if (options != null && options.hasPrecondition()) {
                        Optional<ObjectInfo> landed = settle(sent, e);
                        if (landed.isPresent()) {
                            context.onComplete();
                            return landed.get();
                        }
                    }
                    if (!canSendAgain(sent)) {
                        throw new StorageException(delegate.name(), StorageOperation.PUT, key, "not retried: the body "
                                + "stream cannot be sent again (" + sent.bytesRead() + " bytes read, more than the "
                                + "replay buffer of " + owner.config().replayBufferBytes() + " bytes; give the body as "
                                + "bytes or a file, or raise replayBufferBytes); the attempt failed with: "
                                + e.getMessage(), e);
                    }
                }
                context.onRuntimeError(e);
                body = again(sent);
            } catch (RuntimeException e) {
                context.onRuntimeError(e);
                body = again(sent);
            }
        }
    }

    /**
     * After an ambiguous failure of a conditional put: the stored object if it is this put's (it landed), empty if the
     * precondition still holds (send again), else a {@link PreconditionFailedException} caused by {@code failure}.
     */
    private Optional<ObjectInfo> settle(ReplayableBody sent, StorageException failure) {
        Optional<ObjectInfo> current;
        try {
            current = owner.call(StorageOperation.HEAD, key, () -> delegate.head(key));
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
        Optional<Digests> ours = sent.digests();
        if (current.isPresent() && ours.isPresent() && holds(current.get(), ours.get())) {
            LOG.info("[{}] put '{}' failed ambiguously ({}) but the store holds its bytes: it succeeded",
                    delegate.name(), key, failure.getMessage());
            return current;
        }
        boolean stillHolds = options.ifNoneMatchAny()
                ? current.isEmpty()
                : current.isPresent() && sameEtag(current.get().etag(), options.ifMatch().orElseThrow());
        if (stillHolds) {
            return Optional.empty();
        }
        throw new PreconditionFailedException(delegate.name(), StorageOperation.PUT, key, "the put failed "
                + "ambiguously and the store holds other bytes ("
                + current.map(info -> "ETag " + info.etag()).orElse("no object") + "), so its precondition "
                + (options.ifNoneMatchAny() ? "ifNoneMatch *" : "ifMatch " + options.ifMatch().orElseThrow())
                + " no longer holds", failure);
    }

    /** Whether the stored object has exactly the bytes of this put. */
    private boolean holds(ObjectInfo stored, Digests ours) {
        if (stored.size() != ours.size()) {
            return false;
        }
        if (stored.sha256().isPresent()) {
            return stored.sha256().get().equalsIgnoreCase(ours.sha256());
        }
        String md5 = VerifiedStream.md5OfEtag(stored.etag());
        if (md5 != null) {
            return md5.equals(ours.md5());
        }
        // A multipart ETag says nothing about the bytes: read them back.
        return owner.call(StorageOperation.GET, key, () -> sha256Of(stored)).equalsIgnoreCase(ours.sha256());
    }

    private String sha256Of(ObjectInfo stored) {
        MessageDigest digest = ReplayableBody.digest("SHA-256");
        try (StorageObject object = delegate.get(key); InputStream in = object.stream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new studio.sselfie.storage.StorageUnavailableException(delegate.name(), StorageOperation.GET, key,
                    "reading back " + stored.etag() + " to settle a put failed", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean sameEtag(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
