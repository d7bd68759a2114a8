package studio.sselfie.storage;

import java.util.Objects;

/**
 * A key (or a listing prefix) breaks a rule of {@link Keys}. Thrown by every backend before any I/O, so nothing stored
 * is changed. {@link #rule()} tells which rule; the message names the key and the rule.
 */
public class InvalidKeyException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final Keys.Rule rule;

    /**
     * @param backend   the backend's name, or {@link Keys#NO_BACKEND} when the key was checked outside one
     * @param operation the operation that was called
     * @param key       the rejected key, as given ({@link #key()} returns it whole; the message shortens a very long one)
     * @param rule      the rule it breaks
     */
    public InvalidKeyException(String backend, StorageOperation operation, String key, Keys.Rule rule) {
        super(backend, operation, key, "invalid key: " + Objects.requireNonNull(rule, "rule is null").description(), null);
        this.rule = rule;
    }

    /** The rule the key breaks. */
    public Keys.Rule rule() {
        return rule;
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == InvalidKeyException.class ? new InvalidKeyException(backend(), operation(), otherKey, rule) : this;
    }
}
