package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import studio.sselfie.storage.Utf8Order;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageOperation;

/**
 * Lists one page, S3's way (prefix, optional delimiter, start-after, page size, opaque continuation token), from a
 * {@link KeyWalker} that resumes exactly after the last entry of the page before. Each page is read from the disk as
 * it is then; no page loads more than the directories it passes through.
 *
 * <p>The token names the last entry of the page (a key, or a common prefix whose keys the next page skips) and carries
 * a tag derived from the root, so that a token works for every backend on the same root, in any process, and fails
 * loudly elsewhere.
 */
final class FileListing {
    private static final byte TOKEN_VERSION = 1;
    private static final byte AFTER_KEY = 'K';
    private static final byte AFTER_PREFIX = 'P';
    private static final int TAG_BYTES = 8;

    private final String backend;
    private final KeyPaths paths;
    private final byte[] tag;

    FileListing(String backend, KeyPaths paths) {
        this.backend = backend;
        this.paths = paths;
        this.tag = Arrays.copyOf(sha256(paths.root().toString().getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
    }

    /** One page; the prefix and delimiter have been checked. */
    ListPage page(ListOptions options) throws IOException {
        String prefix = options.prefix();
        String delimiter = options.delimiter().orElse(null);
        String startAfter = options.startAfter().orElse(null);
        KeyWalker walker;
        if (options.continuationToken().isPresent()) {
            byte[] token = decode(options.continuationToken().get());
            String after = new String(token, 2 + TAG_BYTES, token.length - TAG_BYTES - 2, StandardCharsets.UTF_8);
            walker = new KeyWalker(paths, prefix, after, token[1 + TAG_BYTES] == AFTER_PREFIX);
        } else {
            walker = new KeyWalker(paths, prefix, startAfter, false);
        }
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        byte lastKind = 0;
        String last = null;
        for (KeyWalker.Found found = walker.next(); found != null; found = walker.next()) {
            String key = found.key;
            if (startAfter != null && Utf8Order.INSTANCE.compare(key, startAfter) <= 0) {
                continue;
            }
            int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (objects.size() + commonPrefixes.size() == options.pageSize()) {
                return new ListPage(objects, commonPrefixes, encode(lastKind, last));
            }
            if (cut < 0) {
                ObjectInfo info = listingInfo(found);
                if (info != null) {
                    objects.add(info);
                    lastKind = AFTER_KEY;
                    last = key;
                }
                continue;
            }
            // S3's rule: the common prefix of a key after start-after is listed even if it sorts before start-after.
            String commonPrefix = key.substring(0, cut + delimiter.length());
            commonPrefixes.add(commonPrefix);
            lastKind = AFTER_PREFIX;
            last = commonPrefix;
            walker.skipUnder(commonPrefix);
        }
        return new ListPage(objects, commonPrefixes, null);
    }

    /**
     * What a listing entry carries (key, size, ETag, last-modified), read from the file's trailer; {@code null} when
     * the file is no object of this backend under this key (deleted meanwhile, a link, someone else's file).
     */
    private static ObjectInfo listingInfo(KeyWalker.Found found) throws IOException {
        if (!Files.isRegularFile(found.file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        ObjectInfo info;
        try (FileChannel channel = FileChannel.open(found.file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            info = Trailer.read(channel);
        } catch (NoSuchFileException | Trailer.NotAnObjectFile notAnObject) {
            return null; // deleted since the directory was read, or not written by this backend
        }
        if (!info.key().equals(found.key)) {
            return null;
        }
        return ObjectInfo.builder().key(info.key()).size(info.size()).etag(info.etag()).lastModified(info.lastModified()).build();
    }

    private String encode(byte kind, String last) {
        byte[] position = last.getBytes(StandardCharsets.UTF_8);
        ByteBuffer token = ByteBuffer.allocate(2 + TAG_BYTES + position.length);
        token.put(TOKEN_VERSION).put(tag).put(kind).put(position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The token's bytes, checked to be one a backend on this root issued. */
    private byte[] decode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw badToken(token, "it is not base64url", e);
        }
        if (bytes.length < 2 + TAG_BYTES || bytes[0] != TOKEN_VERSION) {
            throw badToken(token, "its format is unknown", null);
        }
        if (!Arrays.equals(bytes, 1, 1 + TAG_BYTES, tag, 0, TAG_BYTES)) {
            throw badToken(token, "it was issued for another root", null);
        }
        byte kind = bytes[1 + TAG_BYTES];
        if (kind != AFTER_KEY && kind != AFTER_PREFIX) {
            throw badToken(token, "its format is unknown", null);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 2 + TAG_BYTES, bytes.length - TAG_BYTES - 2));
        } catch (CharacterCodingException e) {
            throw badToken(token, "its position is not UTF-8", e);
        }
        return bytes;
    }

    private InvalidRequestException badToken(String token, String why, Throwable cause) {
        String shown = token.length() <= 80 ? token : token.substring(0, 80) + "...";
        return new InvalidRequestException(backend, StorageOperation.LIST, null, "continuation token '" + shown
                + "' was not issued by this backend: " + why, cause);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
