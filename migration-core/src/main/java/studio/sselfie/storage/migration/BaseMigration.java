package studio.sselfie.storage.migration;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recommended base of a migration: version and description come from the class name,
 * {@code V<version>__<Description>} with {@code _} between version parts and between words
 * ({@code V1_1__Move_thumbnails} is version 1.1, "Move thumbnails"); the checksum is the SHA-256 of the class file, so it
 * changes when the code does. Override {@link #checksum()} to pin it (e.g. across compilers).
 */
public abstract class BaseMigration implements Migration {
    private static final Pattern NAME = Pattern.compile("V(\\d+(?:_\\d+)*)__(\\w+)");

    private final MigrationVersion version;
    private final String description;

    /**
     * @throws IllegalArgumentException if the class name is not {@code V<version>__<Description>}
     */
    protected BaseMigration() {
        String name = getClass().getSimpleName();
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration class name '" + name
                    + "' must be V<version>__<Description>, e.g. V3__Move_thumbnails or V1_1__Add_metadata");
        }
        this.version = MigrationVersion.parse(matcher.group(1));
        this.description = matcher.group(2).replace('_', ' ');
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    /** SHA-256 (hex) of this class's class file. */
    @Override
    public String checksum() {
        String resource = getClass().getName().replace('.', '/') + ".class";
        ClassLoader loader = getClass().getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found; override checksum()");
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the checksum of " + getClass().getName(), e);
        }
    }

    @Override
    public String toString() {
        return "V" + version + " " + description;
    }
}
