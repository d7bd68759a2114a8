package studio.sselfie.storage.migration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recommended base of a migration: version and description come from the class name,
 * {@code V<version>__<Description>} with {@code _} between version parts and between words
 * ({@code V1_1__Move_thumbnails} is version 1.1, "Move thumbnails").
 *
 * <p>It declares no checksum: the same source rebuilt by another JDK or with other flags must validate (see
 * {@link Migration#checksum()}). To have {@link Migrator#validate()} catch an edited migration, declare one and change it
 * with the migration's effect:
 * <pre>{@code
 * public Optional<String> checksum() {
 *     return Optional.of("2");   // was "1" until thumbnails became 320 px
 * }
 * }</pre>
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

    @Override
    public String toString() {
        return "V" + version + " " + description;
    }
}
