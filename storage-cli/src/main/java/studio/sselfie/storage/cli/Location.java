package studio.sselfie.storage.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a command works: a store URI as {@code StorageBackends.open} takes it, and a key or prefix in it. For
 * {@code mem://}, {@code s3://} and {@code minio://} the key is the URI's path ({@code s3://photos/users/1/a.jpg?region=eu-west-1});
 * for {@code file://}, whose path is the store's root directory, it is the fragment
 * ({@code file:///data/photos#users/1/a.jpg}). A key or prefix may be empty: the whole store.
 *
 * @param store the URI of the store, without the key
 * @param key   the key or prefix, decoded; {@code ""} for the whole store
 */
record Location(URI store, String key) {
    Location {
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(key, "key is null");
    }

    /**
     * @throws IllegalArgumentException if {@code text} is not a URI with a scheme
     */
    static Location parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getReason(), e);
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw new IllegalArgumentException("'" + text + "' names no store: write scheme://..., e.g. s3://bucket/prefix/");
        }
        try {
            if (uri.getScheme().toLowerCase(Locale.ROOT).equals("file")) {
                String key = uri.getFragment() == null ? "" : uri.getFragment();
                return new Location(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), uri.getQuery(), null), key);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String key = path.startsWith("/") ? path.substring(1) : path;
            return new Location(new URI(uri.getScheme(), uri.getRawAuthority() == null ? null : uri.getAuthority(), null,
                    uri.getQuery(), null), key);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a store URI: " + e.getReason(), e);
        }
    }

    /** This location with {@code key} instead of its own. */
    Location withKey(String other) {
        return new Location(store, other);
    }

    /** Whether the key names a prefix ("folder"): empty or ending with {@code /}. */
    boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    @Override
    public String toString() {
        return store.getScheme().toLowerCase(Locale.ROOT).equals("file") ? store + (key.isEmpty() ? "" : "#" + key)
                : store.getScheme() + "://" + store.getRawAuthority() + "/" + key;
    }
}
