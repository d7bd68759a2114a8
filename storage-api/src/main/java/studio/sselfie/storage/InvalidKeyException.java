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
     * @param key       the rejected key, as given (may be shortened in the message if very long)
     * @param rule      the rule it breaks
     */
    public InvalidKeyException(String backend, StorageOperation operation, String key, Keys.Rule rule) {
        super(backend, operation, abbreviate(key), "invalid key: " + Objects.requireNonNull(rule, "rule is null").description(), null);
        this.rule = rule;
    }

    private static String abbreviate(String key) {
        return key.length() <= 200 ? key : key.substring(0, 200) + "...(" + key.length() + " chars)";
    }

    /** The rule the key breaks. */
    public Keys.Rule rule() {
        return rule;
    }
}
