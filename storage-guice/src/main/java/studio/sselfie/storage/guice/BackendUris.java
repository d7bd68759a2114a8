package studio.sselfie.storage.guice;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The URI a backend is opened with when the resilience decorator wraps it: for the schemes whose client retries by
 * itself ({@code s3}, {@code minio}) the parameter {@code clientRetries=false} is appended, so that exactly one layer
 * retries. Other schemes are opened as given.
 */
final class BackendUris {
    /** The URI parameter of the s3 and minio providers that switches the client's own retries. */
    static final String CLIENT_RETRIES = "clientRetries";

    private static final Set<String> RETRYING_CLIENT_SCHEMES = Set.of("s3", "minio");

    private BackendUris() {
    }

    /**
     * {@code spec}'s URI with the client's retries off, for a backend the decorator wraps.
     *
     * @throws IllegalArgumentException naming both settings if the URI asks for the client's retries explicitly
     */
    static URI withoutClientRetries(BackendSpec spec) {
        URI uri = spec.uri().orElseThrow(() -> new IllegalStateException(spec + " is not opened from a URI"));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!RETRYING_CLIENT_SCHEMES.contains(scheme) || uri.isOpaque()) {
            return uri;
        }
        String given = clientRetries(uri.getRawQuery());
        if (given != null) {
            if (given.equalsIgnoreCase("true") || given.isEmpty()) {
                throw new IllegalArgumentException(spec.origin() + " sets " + CLIENT_RETRIES + "=true, but "
                        + spec.resilienceOrigin() + " wraps the backend in the resilience decorator, which retries"
                        + " itself: exactly one layer may retry. Remove " + CLIENT_RETRIES + " from the URI (the"
                        + " module then sets " + CLIENT_RETRIES + "=false) or configure no resilience for it");
            }
            // "false" is what we would add; anything else is the provider's to reject, naming the parameter.
            return uri;
        }
        String text = uri.toString();
        String fragment = uri.getRawFragment();
        if (fragment != null) {
            text = text.substring(0, text.length() - fragment.length() - 1);
        }
        String separator = uri.getRawQuery() == null ? "?" : text.endsWith("?") || text.endsWith("&") ? "" : "&";
        return URI.create(text + separator + CLIENT_RETRIES + "=false" + (fragment == null ? "" : "#" + fragment));
    }

    /** The decoded value of {@code clientRetries} in the raw query, or null when it is not there. */
    private static String clientRetries(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equals(CLIENT_RETRIES)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1)).strip();
            }
        }
        return null;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
