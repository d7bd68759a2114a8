package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import studio.sselfie.storage.ObjectInfo;

/**
 * Reading and writing object files: opening one without following links, streaming a body into a temporary file
 * while hashing it, copying the bytes of one file into another inside the kernel, and making a file durable.
 */
final class ObjectFiles {
    private static final int BUFFER_BYTES = 64 * 1024;

    private ObjectFiles() {
    }

    /**
     * Opens the object file {@code file} for reading, never through a link; {@code null} if there is none.
     *
     * @throws KeyPaths.SymbolicLinkException if the file is a symbolic link
     */
    static FileChannel open(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
        if (attributes.isSymbolicLink()) {
            throw new KeyPaths.SymbolicLinkException(file.getFileName() + " is a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
    }

    /** The ETag of the object in {@code file}, or {@code null} if there is none. */
    static String etagOf(Path file) throws IOException {
        FileChannel channel = open(file);
        if (channel == null) {
            return null;
        }
        try (channel) {
            return Trailer.read(channel).etag();
        }
    }

    /**
     * Streams {@code body} into {@code out}, hashing it; the digests are left holding the hashes of every byte.
     *
     * @return the number of bytes written
     * @throws BodyReadException if reading the body fails (the caller's stream, not the disk)
     */
    static long writeBody(InputStream body, long length, FileChannel out, MessageDigest md5, MessageDigest sha256) throws IOException {
        int bufferBytes = length < 0 ? BUFFER_BYTES : (int) Math.max(1, Math.min(BUFFER_BYTES, length));
        byte[] buffer = new byte[bufferBytes];
        long size = 0;
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw new BodyReadException(e);
            }
            if (n < 0) {
                return size;
            }
            md5.update(buffer, 0, n);
            if (sha256 != null) {
                sha256.update(buffer, 0, n);
            }
            writeFully(out, ByteBuffer.wrap(buffer, 0, n));
            size += n;
        }
    }

    /** Copies {@code length} bytes from the start of {@code source} to {@code target}, inside the kernel where it can. */
    static void copyBytes(FileChannel source, long length, FileChannel target) throws IOException {
        long done = 0;
        while (done < length) {
            long n = source.transferTo(done, length - done, target);
            if (n <= 0) {
                throw new IOException("the source file ended after " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }

    /**
     * Appends the trailer of {@code info} and forces the file's bytes to the disk, with what reading them back needs
     * (its size, its blocks): {@code fdatasync}, not {@code fsync}, since the file's times are never read (the
     * object's last-modified is in the trailer).
     */
    static void finish(FileChannel out, ObjectInfo info) throws IOException {
        writeFully(out, ByteBuffer.wrap(Trailer.encode(info)));
        out.force(false);
    }

    /** Forces a directory's entries (a rename into it) to the disk. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** Reading the caller's body failed: the store is fine. */
    static final class BodyReadException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyReadException(IOException cause) {
            super("reading the body failed", cause);
        }
    }
}
