package studio.sselfie.storage.guice;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.inject.Key;
import com.google.inject.name.Names;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.resilience.ResilienceConfig;

/**
 * Reads the {@code storage.*} keys {@link StorageModule#fromProperties} documents into backend specs, collecting every
 * problem (each naming its key) instead of stopping at the first.
 */
final class StorageProperties {
    static final String PREFIX = "storage.";
    static final String URI_KEY = PREFIX + "uri";
    static final String RESILIENCE_PREFIX = PREFIX + "resilience.";
    static final String ENABLED = RESILIENCE_PREFIX + "enabled";
    static final String MAX_ATTEMPTS = RESILIENCE_PREFIX + "maxAttempts";
    static final String INITIAL_BACKOFF = RESILIENCE_PREFIX + "initialBackoff";
    static final String MAX_BACKOFF = RESILIENCE_PREFIX + "maxBackoff";
    static final String MAX_CONCURRENT_CALLS = RESILIENCE_PREFIX + "maxConcurrentCalls";
    static final String RATE_LIMIT_PER_SECOND = RESILIENCE_PREFIX + "rateLimitPerSecond";
    static final String VERIFY_READS = RESILIENCE_PREFIX + "verifyReads";

    private static final Set<String> RESILIENCE_KEYS = Set.of(ENABLED, MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF,
            MAX_CONCURRENT_CALLS, RATE_LIMIT_PER_SECOND, VERIFY_READS);
    private static final String KNOWN = URI_KEY + ", storage.<name>.uri, " + ENABLED + ", " + MAX_ATTEMPTS + ", "
            + INITIAL_BACKOFF + ", " + MAX_BACKOFF + ", " + MAX_CONCURRENT_CALLS + ", " + RATE_LIMIT_PER_SECOND + ", "
            + VERIFY_READS;
    private static final Pattern NAMED_URI = Pattern.compile("storage\\.([A-Za-z0-9_-]+)\\.uri");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** The specs read, or the problems found (then the specs are not to be used). */
    record Result(List<BackendSpec> specs, List<String> errors) {
    }

    private final SortedMap<String, String> properties;
    private final List<String> errors = new ArrayList<>();

    private StorageProperties(Map<String, String> properties) {
        this.properties = new TreeMap<>(properties);
    }

    /** Reads {@code properties}; keys outside {@code storage.} are ignored. */
    static Result read(Map<String, String> properties) {
        return new StorageProperties(properties).read();
    }

    private Result read() {
        URI unqualified = null;
        SortedMap<String, URI> named = new TreeMap<>();
        boolean resilienceKeys = false;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            Matcher matcher = NAMED_URI.matcher(key);
            if (key.equals(URI_KEY)) {
                unqualified = uri(key, entry.getValue());
            } else if (key.startsWith(RESILIENCE_PREFIX)) {
                resilienceKeys = true;
                if (!RESILIENCE_KEYS.contains(key)) {
                    errors.add("unknown key '" + key + "'; known keys: " + KNOWN);
                }
            } else if (matcher.matches() && !matcher.group(1).equals("resilience")) {
                URI uri = uri(key, entry.getValue());
                if (uri != null) {
                    named.put(matcher.group(1), uri);
                }
            } else {
                errors.add("unknown key '" + key + "'; known keys: " + KNOWN
                        + " (a <name> is letters, digits, '_' and '-')");
            }
        }
        if (unqualified == null && named.isEmpty() && errors.isEmpty()) {
            errors.add("no storage backend configured: set " + URI_KEY + " (bound as StorageBackend) or"
                    + " storage.<name>.uri (bound as @Named(\"<name>\") StorageBackend)");
        }
        ResilienceConfig resilience = resilience(resilienceKeys);
        if (!errors.isEmpty()) {
            return new Result(List.of(), List.copyOf(errors));
        }
        String resilienceOrigin = RESILIENCE_PREFIX + "*";
        List<BackendSpec> specs = new ArrayList<>();
        if (unqualified != null) {
            specs.add(new BackendSpec(Key.get(StorageBackend.class), unqualified, resilience, URI_KEY, resilienceOrigin));
        }
        named.forEach((name, uri) -> specs.add(new BackendSpec(Key.get(StorageBackend.class, Names.named(name)), uri,
                resilience, PREFIX + name + ".uri", resilienceOrigin)));
        return new Result(List.copyOf(specs), List.of());
    }

    private URI uri(String key, String value) {
        if (value.isEmpty()) {
            errors.add(key + " is empty; expected a storage URI such as mem://photos or s3://bucket?endpoint=...");
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                errors.add(key + " has no scheme; expected a storage URI such as mem://photos or s3://bucket?endpoint=...");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            errors.add(key + " is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
            return null;
        }
    }

    /** The resilience the keys describe, or null when it is off (or a key is wrong: then an error is recorded). */
    private ResilienceConfig resilience(boolean resilienceKeys) {
        boolean enabled = resilienceKeys;
        String enabledValue = properties.get(ENABLED);
        if (enabledValue != null) {
            Boolean value = bool(ENABLED, enabledValue);
            enabled = value != null ? value : enabled;
        }
        // Every key is checked even when resilience is off, so that a typo never waits for the day it is turned on.
        int errorsBefore = errors.size();
        ResilienceConfig.Builder builder = ResilienceConfig.builder();
        setting(MAX_ATTEMPTS, this::integer, builder::maxAttempts);
        setting(INITIAL_BACKOFF, this::duration, builder::initialBackoff);
        setting(MAX_BACKOFF, this::duration, builder::maxBackoff);
        setting(MAX_CONCURRENT_CALLS, this::integer, builder::maxConcurrentCalls);
        setting(RATE_LIMIT_PER_SECOND, this::integer, builder::rateLimitPerSecond);
        setting(VERIFY_READS, this::bool, builder::verifyReads);
        if (errors.size() > errorsBefore) {
            return null;
        }
        ResilienceConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            errors.add(RESILIENCE_PREFIX + "*: " + e.getMessage());
            return null;
        }
        return enabled ? config : null;
    }

    private interface Parser<T> {
        /** The value, or null after recording an error naming {@code key}. */
        T parse(String key, String value);
    }

    private <T> void setting(String key, Parser<T> parser, Consumer<T> setter) {
        String text = properties.get(key);
        if (text == null) {
            return;
        }
        T value = parser.parse(key, text);
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            errors.add(key + ": " + e.getMessage());
        }
    }

    private Integer integer(String key, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(key + " must be an integer, was '" + value + "'");
            return null;
        }
    }

    private Boolean bool(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        errors.add(key + " must be true or false, was '" + value + "'");
        return null;
    }

    private Duration duration(String key, String value) {
        Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                switch (matcher.group(2)) {
                    case "ms":
                        return Duration.ofMillis(amount);
                    case "s":
                        return Duration.ofSeconds(amount);
                    case "m":
                        return Duration.ofMinutes(amount);
                    default:
                        return Duration.ofHours(amount);
                }
            }
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            errors.add(key + " must be a duration such as 200ms, 5s, 1m, 1h or PT0.2S, was '" + value + "'");
            return null;
        }
    }
}
