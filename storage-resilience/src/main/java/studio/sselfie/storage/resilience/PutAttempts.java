package studio.sselfie.storage.resilience;

import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.resilience.ReplayableBody.Digests;

/**
 * The attempts of one put: sends the body, and after a retryable failure either settles a conditional put by
 * reading the object back, or sends the body again when it can be replayed (see {@link ResilientStorageBackend}).
 */
final class PutAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(PutAttempts.class);

    private final ResilientStorageBackend owner;
    private final StorageBackend delegate;
    private final String key;
    private final long length;
    private final PutOptions options;
    /** The caller's stream, replayed from its kept bytes; null when each attempt reads {@link #reopen} afresh. */
    private final ReplayableBody stream;
    private final Supplier<ReplayableBody> reopen;

    private PutAttempts(ResilientStorageBackend owner, String key, long length, PutOptions options,
            ReplayableBody stream, Supplier<ReplayableBody> reopen) {
        this.owner = owner;
        this.delegate = owner.delegate();
        this.key = key;
        this.length = length;
        this.options = options;
        this.stream = stream;
        this.reopen = reopen;
    }

    /** Attempts that send the caller's stream, again only while it can rewind to its first byte. */
    static PutAttempts replaying(ResilientStorageBackend owner, String key, long length, PutOptions options,
            ReplayableBody stream) {
        return new PutAttempts(owner, key, length, options, stream, null);
    }

    /** Attempts that each read a fresh body (from bytes or a file): a body of any size can be sent again. */
    static PutAttempts reopening(ResilientStorageBackend owner, String key, long length, PutOptions options,
            Supplier<ReplayableBody> reopen) {
        return new PutAttempts(owner, key, length, options, null, reopen);
    }

    private ReplayableBody first() {
        return stream != null ? stream : reopen.get();
    }

    /** Whether the body can be sent once more after {@code sent} was (partly) read. */
    private boolean canSendAgain(ReplayableBody sent) {
        return stream == null || sent.canRewind();
    }

    /** The body of the next attempt; only called when {@link #canSendAgain} said yes. */
    private ReplayableBody again(ReplayableBody sent) {
        if (stream == null) {
            return reopen.get();
        }
        sent.rewind();
        return sent;
    }

    ObjectInfo run() {
        Retry.Context<ObjectInfo> context = owner.retry().context();
        int attempts = 0;
        ReplayableBody body = first();
        while (true) {
            ReplayableBody sent = body;
            attempts++;
            try {
                ObjectInfo info = owner.guard(StorageOperation.PUT, key, () -> delegate.put(key, sent, length, options));
                context.onComplete();
                return info;
            } catch (RuntimeException e) {
                if (ResilientStorageBackend.isRetryable(e)) {
                    if (options != null && options.hasPrecondition()) {
                        Optional<ObjectInfo> landed = settle(sent, (StorageException) e);
                        if (landed.isPresent()) {
                            context.onComplete();
                            return landed.get();
                        }
                    }
                    // On the last attempt the store's failure is the answer, not the body's.
                    if (attempts < owner.config().maxAttempts() && !canSendAgain(sent)) {
                        throw new StorageException(delegate.name(), StorageOperation.PUT, key, "not retried: the body "
                                + "stream cannot be sent again (" + sent.bytesRead() + " bytes read, more than the "
                                + "replay buffer of " + owner.config().replayBufferBytes() + " bytes; give the body as "
                                + "bytes or a file, or raise replayBufferBytes); the attempt failed with: "
                                + e.getMessage(), e);
                    }
                }
                // Sleeps for the backoff, or rethrows e when it is not retryable or the attempts are used up.
                context.onRuntimeError(e);
                body = next(sent, e);
            }
        }
    }

    private ReplayableBody next(ReplayableBody sent, RuntimeException failure) {
        try {
            return again(sent);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
    }

    /**
     * After an ambiguous failure of a conditional put: the stored object if it is this put's (it landed), empty if the
     * precondition still holds (send again), else a {@link PreconditionFailedException} caused by {@code failure}.
     *
     * <p>An {@code ifMatch} put whose precondition still holds is sent again even if the store holds its bytes: the
     * put may change only metadata, and sending it again is safe while the ETag it names is there.
     *
     * @throws StorageUnavailableException (for the put, caused by {@code failure}) if the object cannot be read back:
     *                                     the outcome is unknown
     */
    private Optional<ObjectInfo> settle(ReplayableBody sent, StorageException failure) {
        Optional<ObjectInfo> current;
        boolean stillHolds;
        boolean ours;
        try {
            current = owner.call(StorageOperation.HEAD, key, () -> delegate.head(key, readBack()));
            stillHolds = options.ifNoneMatchAny()
                    ? current.isEmpty()
                    : current.isPresent() && sameEtag(current.get().etag(), options.ifMatch().orElseThrow());
            ours = !stillHolds && current.isPresent() && holds(current.get(), sent);
        } catch (RuntimeException e) {
            StorageUnavailableException unknown = new StorageUnavailableException(delegate.name(),
                    StorageOperation.PUT, key, "the put failed ambiguously (" + failure.getMessage() + ") and reading "
                    + "the object back to settle it failed too: its outcome is unknown", failure);
            unknown.addSuppressed(e);
            throw unknown;
        }
        if (stillHolds) {
            return Optional.empty();
        }
        if (ours) {
            LOG.info("[{}] put '{}' failed ambiguously ({}) but the store holds its bytes: it succeeded",
                    delegate.name(), key, failure.getMessage());
            return current;
        }
        throw new PreconditionFailedException(delegate.name(), StorageOperation.PUT, key, "the put failed "
                + "ambiguously and the store holds another object ("
                + current.map(info -> "ETag " + info.etag()).orElse("no object") + "), so its precondition "
                + (options.ifNoneMatchAny() ? "ifNoneMatch *" : "ifMatch " + options.ifMatch().orElseThrow())
                + " no longer holds", failure);
    }

    /** Whether the stored object is this put's: the same size, bytes and (where the store keeps it) metadata. */
    private boolean holds(ObjectInfo stored, ReplayableBody sent) {
        Optional<Digests> digests = sent.digests();
        if (digests.isEmpty()) {
            // The body was not read to its end, so the store cannot hold it.
            return false;
        }
        Digests ours = digests.get();
        if (stored.size() != ours.size()) {
            return false;
        }
        if (delegate.supports(Capability.USER_METADATA) && !stored.metadata().equals(options.metadata())) {
            return false;
        }
        if (stored.sha256().isPresent()) {
            return stored.sha256().get().equalsIgnoreCase(ours.sha256());
        }
        if (ours.md5().equals(VerifiedStream.md5OfEtag(stored.etag()))) {
            return true;
        }
        // A multipart ETag says nothing about the bytes, and some stores' single-part ETags look like an MD5 but are
        // not one (S3 with SSE-KMS or SSE-C): read the bytes back.
        return owner.call(StorageOperation.GET, key, () -> sha256Of(stored)).equalsIgnoreCase(ours.sha256());
    }

    /** How to read back what this put wrote: an SSE-C object only with the key it was written with. */
    private GetOptions readBack() {
        return options.encryption().flatMap(ServerSideEncryption::customerKey).map(GetOptions::withCustomerKey)
                .orElse(GetOptions.whole());
    }

    private String sha256Of(ObjectInfo stored) {
        MessageDigest digest = ReplayableBody.digest("SHA-256");
        try (StorageObject object = delegate.get(key, readBack()); InputStream in = object.stream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException(delegate.name(), StorageOperation.GET, key,
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
