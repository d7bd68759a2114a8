package studio.sselfie.storage.migration;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The version of a migration: dot-separated non-negative integers ({@code 1}, {@code 1.1}, {@code 2.0.3}), ordered
 * numerically part by part; trailing zero parts do not count ({@code 1.0} equals {@code 1}). At most
 * {@value #MAX_LENGTH} characters, so that it fits in the state keys of the store. Immutable.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    /** Longest version text accepted by {@link #parse(String)}. */
    public static final int MAX_LENGTH = 100;

    /**
     * Version {@code 0}: before every migration. {@code undo(ZERO)} reverts every applied migration; no migration
     * may have this version.
     */
    public static final MigrationVersion ZERO = new MigrationVersion(new int[] {0});

    private static final Pattern FORMAT = Pattern.compile("\\d{1,9}([._]\\d{1,9})*");

    private final int[] parts;

    private MigrationVersion(int[] parts) {
        this.parts = parts;
    }

    /**
     * Parses {@code 1}, {@code 1.1} or, as in class names, {@code 1_1}.
     *
     * @throws IllegalArgumentException naming the text if it is not a version or is longer than {@value #MAX_LENGTH}
     *                                  characters
     */
    public static MigrationVersion parse(String text) {
        Objects.requireNonNull(text, "version is null");
        if (text.length() > MAX_LENGTH || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("version '" + text + "' is not dot-separated numbers such as 1, 1.1 or 2.0.3"
                    + " (at most " + MAX_LENGTH + " characters)");
        }
        String[] split = text.split("[._]");
        int length = split.length;
        while (length > 1 && Integer.parseInt(split[length - 1]) == 0) {
            length--;
        }
        int[] parts = new int[length];
        for (int i = 0; i < length; i++) {
            parts[i] = Integer.parseInt(split[i]);
        }
        return new MigrationVersion(parts);
    }

    @Override
    public int compareTo(MigrationVersion other) {
        return Arrays.compare(parts, other.parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion && Arrays.equals(parts, ((MigrationVersion) o).parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    /** The canonical text: parts joined by dots, trailing zero parts dropped ({@code 1.1}). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append('.');
            }
            text.append(parts[i]);
        }
        return text.toString();
    }
}
