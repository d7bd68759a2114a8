package studio.sselfie.storage.filesystem;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import studio.sselfie.storage.KeyPolicy;

/**
 * How to open a {@link FileSystemStorageBackend}: the root directory it owns and a few switches. Immutable; checked
 * when built.
 *
 * <p>Defaults: {@link #createRoot()} true, {@link #contentSha256()} true, {@link #cleanTempFilesOnOpen()} true,
 * {@link #writeKeys()} {@link KeyPolicy#PORTABLE}. The root has no default.
 */
public final class FileSystemStorageConfig {
    private final Path root;
    private final boolean createRoot;
    private final boolean contentSha256;
    private final boolean cleanTempFilesOnOpen;
    private final KeyPolicy writeKeys;

    private FileSystemStorageConfig(Builder builder) {
        this.root = builder.root;
        this.createRoot = builder.createRoot;
        this.contentSha256 = builder.contentSha256;
        this.cleanTempFilesOnOpen = builder.cleanTempFilesOnOpen;
        this.writeKeys = builder.writeKeys;
    }

    /** A config with every default over {@code root}. */
    public static FileSystemStorageConfig of(Path root) {
        return builder().root(root).build();
    }

    /** A new builder with every default and no root. */
    public static Builder builder() {
        return new Builder();
    }

    /** A config built by {@code configure} from the defaults. */
    public static FileSystemStorageConfig of(Consumer<Builder> configure) {
        Objects.requireNonNull(configure, "configure is null");
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().root(root).createRoot(createRoot).contentSha256(contentSha256)
                .cleanTempFilesOnOpen(cleanTempFilesOnOpen).writeKeys(writeKeys);
    }

    /** The directory the backend owns, absolute. Nothing else should write inside it. */
    public Path root() {
        return root;
    }

    /** Whether a missing root (and its missing parents) is created when the backend opens. Default: true. */
    public boolean createRoot() {
        return createRoot;
    }

    /**
     * Whether each write also computes the SHA-256 of the bytes and keeps it with the object, so that the backend
     * declares {@link studio.sselfie.storage.Capability#CONTENT_SHA256}. Default: true.
     */
    public boolean contentSha256() {
        return contentSha256;
    }

    /**
     * Whether opening the backend walks the root and deletes the temporary files that writers which are no longer
     * running (crashed processes) left behind. Default: true.
     */
    public boolean cleanTempFilesOnOpen() {
        return cleanTempFilesOnOpen;
    }

    /** The keys a put and a copy's target accept. Default: {@link KeyPolicy#PORTABLE}. */
    public KeyPolicy writeKeys() {
        return writeKeys;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FileSystemStorageConfig)) {
            return false;
        }
        FileSystemStorageConfig that = (FileSystemStorageConfig) o;
        return createRoot == that.createRoot && contentSha256 == that.contentSha256
                && cleanTempFilesOnOpen == that.cleanTempFilesOnOpen && root.equals(that.root) && writeKeys == that.writeKeys;
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, createRoot, contentSha256, cleanTempFilesOnOpen, writeKeys);
    }

    @Override
    public String toString() {
        return "FileSystemStorageConfig{root=" + root + ", createRoot=" + createRoot + ", contentSha256=" + contentSha256
                + ", cleanTempFilesOnOpen=" + cleanTempFilesOnOpen + ", writeKeys=" + writeKeys + '}';
    }

    /** Builder of {@link FileSystemStorageConfig}. Each setter checks its argument at once. */
    public static final class Builder {
        private Path root;
        private boolean createRoot = true;
        private boolean contentSha256 = true;
        private boolean cleanTempFilesOnOpen = true;
        private KeyPolicy writeKeys = KeyPolicy.PORTABLE;

        private Builder() {
        }

        /** The root directory; made absolute and normalised here. Required. */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root is null").toAbsolutePath().normalize();
            return this;
        }

        /** See {@link FileSystemStorageConfig#createRoot()}. */
        public Builder createRoot(boolean createRoot) {
            this.createRoot = createRoot;
            return this;
        }

        /** See {@link FileSystemStorageConfig#contentSha256()}. */
        public Builder contentSha256(boolean contentSha256) {
            this.contentSha256 = contentSha256;
            return this;
        }

        /** See {@link FileSystemStorageConfig#cleanTempFilesOnOpen()}. */
        public Builder cleanTempFilesOnOpen(boolean cleanTempFilesOnOpen) {
            this.cleanTempFilesOnOpen = cleanTempFilesOnOpen;
            return this;
        }

        /** See {@link FileSystemStorageConfig#writeKeys()}. */
        public Builder writeKeys(KeyPolicy writeKeys) {
            this.writeKeys = Objects.requireNonNull(writeKeys, "writeKeys is null");
            return this;
        }

        /**
         * @throws IllegalStateException if no root was given
         */
        public FileSystemStorageConfig build() {
            if (root == null) {
                throw new IllegalStateException("root is required: FileSystemStorageConfig.builder().root(path)");
            }
            return new FileSystemStorageConfig(this);
        }
    }
}
