package studio.sselfie.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The storage class of an object, by its S3 name ({@code STANDARD}, {@code STANDARD_IA}, {@code GLACIER_IR},
 * {@code INTELLIGENT_TIERING}, ...). Any token of upper-case ASCII letters, digits and {@code _} is accepted, so that
 * a class the store adds later needs no SDK release; whether the store knows it is for the store to answer (an unknown
 * class fails the put with {@link InvalidRequestException}). Immutable value type.
 *
 * <p>S3 omits {@code x-amz-storage-class} on objects of the {@link #STANDARD} class, so an object whose reply names no
 * class is reported as {@code STANDARD}.
 */
public final class StorageClass {
    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** The default class of S3 and of every backend without {@link Capability#STORAGE_CLASS}. */
    public static final StorageClass STANDARD = new StorageClass("STANDARD");
    /** Infrequent access. */
    public static final StorageClass STANDARD_IA = new StorageClass("STANDARD_IA");
    /** Glacier Instant Retrieval. */
    public static final StorageClass GLACIER_IR = new StorageClass("GLACIER_IR");
    /** Moved between tiers by the store. */
    public static final StorageClass INTELLIGENT_TIERING = new StorageClass("INTELLIGENT_TIERING");

    private final String name;

    private StorageClass(String name) {
        this.name = name;
    }

    /**
     * The class named {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is not 1..64 upper-case ASCII letters, digits or {@code _},
     *                                  starting with a letter
     */
    public static StorageClass of(String name) {
        Objects.requireNonNull(name, "name is null");
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("storage class '" + name
                    + "' must be 1-64 upper-case ASCII letters, digits or '_', starting with a letter (e.g. STANDARD_IA)");
        }
        return name.equals(STANDARD.name) ? STANDARD : new StorageClass(name);
    }

    /** The S3 name, as sent in {@code x-amz-storage-class}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageClass && ((StorageClass) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
