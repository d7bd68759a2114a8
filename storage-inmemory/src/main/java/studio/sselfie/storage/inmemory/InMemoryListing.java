package studio.sselfie.storage.inmemory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import studio.sselfie.storage.Utf8Order;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageOperation;

/**
 * Lists one page of a sorted map of objects, S3's way: prefix, optional delimiter, start-after, page size and an
 * opaque continuation token. Every position is a key of the map, so each page is cut from the map as it is at that
 * moment, and a page resumes exactly after the last entry of the one before, whatever was written in between.
 *
 * <p>The token names the last entry of the page: a key, or a common prefix, in which case the next page skips every
 * key under it. It also carries a random tag of this backend, so that a token from elsewhere fails loudly instead of
 * listing from a wrong place.
 */
final class InMemoryListing {
    private static final byte TOKEN_VERSION = 1;
    private static final byte AFTER_KEY = 'K';
    private static final byte AFTER_PREFIX = 'P';
    private static final int TAG_BYTES = 8;
    /** The greatest code point: a key under prefix P sorts at or below P + this, unless it continues after it. */
    private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final String backend;
    private final byte[] tag = new byte[TAG_BYTES];

    InMemoryListing(String backend) {
        this.backend = backend;
        new SecureRandom().nextBytes(tag);
    }

    /** One page of {@code objects}, whose prefix and delimiter the caller has checked. */
    ListPage page(NavigableMap<String, StoredObject> objects, ListOptions options) {
        String prefix = options.prefix();
        String delimiter = options.delimiter().orElse(null);
        Map.Entry<String, StoredObject> entry = first(objects, options);

        List<ObjectInfo> page = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        byte lastKind = 0;
        String last = null;
        while (entry != null && entry.getKey().startsWith(prefix)) {
            String key = entry.getKey();
            int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (cut < 0) {
                if (page.size() + commonPrefixes.size() == options.pageSize()) {
                    return new ListPage(page, commonPrefixes, encode(lastKind, last));
                }
                page.add(entry.getValue().listingInfo());
                lastKind = AFTER_KEY;
                last = key;
                entry = objects.higherEntry(key);
                continue;
            }
            // S3's rule: the common prefix of a key after start-after is listed even if it sorts before start-after.
            String commonPrefix = key.substring(0, cut + delimiter.length());
            if (page.size() + commonPrefixes.size() == options.pageSize()) {
                return new ListPage(page, commonPrefixes, encode(lastKind, last));
            }
            commonPrefixes.add(commonPrefix);
            lastKind = AFTER_PREFIX;
            last = commonPrefix;
            entry = firstNotUnder(objects, commonPrefix);
        }
        return new ListPage(page, commonPrefixes, null);
    }

    /** The first entry at or after where the listing starts: the prefix, start-after and the token's position. */
    private Map.Entry<String, StoredObject> first(NavigableMap<String, StoredObject> objects, ListOptions options) {
        String from = options.prefix();
        boolean inclusive = true;
        String startAfter = options.startAfter().orElse(null);
        if (startAfter != null && Utf8Order.INSTANCE.compare(startAfter, from) >= 0) {
            from = startAfter;
            inclusive = false;
        }
        if (options.continuationToken().isPresent()) {
            String token = options.continuationToken().get();
            byte[] decoded = decode(token);
            String after = new String(decoded, 1 + TAG_BYTES + 1, decoded.length - TAG_BYTES - 2, StandardCharsets.UTF_8);
            if (decoded[1 + TAG_BYTES] == AFTER_PREFIX) {
                return firstAfterLaterOf(objects, from, inclusive, firstNotUnder(objects, after));
            }
            if (Utf8Order.INSTANCE.compare(after, from) >= 0) {
                from = after;
                inclusive = false;
            }
        }
        return inclusive ? objects.ceilingEntry(from) : objects.higherEntry(from);
    }

    private static Map.Entry<String, StoredObject> firstAfterLaterOf(NavigableMap<String, StoredObject> objects,
            String from, boolean inclusive, Map.Entry<String, StoredObject> candidate) {
        if (candidate == null) {
            return null;
        }
        int order = Utf8Order.INSTANCE.compare(candidate.getKey(), from);
        if (order > 0 || (order == 0 && inclusive)) {
            return candidate;
        }
        return inclusive ? objects.ceilingEntry(from) : objects.higherEntry(from);
    }

    /** The first entry whose key does not start with {@code prefix} and sorts after it. */
    private static Map.Entry<String, StoredObject> firstNotUnder(NavigableMap<String, StoredObject> objects, String prefix) {
        // Every key in (prefix, prefix + U+10FFFF] starts with prefix; only keys going on past U+10FFFF remain.
        Map.Entry<String, StoredObject> entry = objects.higherEntry(prefix + MAX_CODE_POINT);
        while (entry != null && entry.getKey().startsWith(prefix)) {
            entry = objects.higherEntry(entry.getKey());
        }
        return entry;
    }

    private String encode(byte kind, String last) {
        byte[] position = last.getBytes(StandardCharsets.UTF_8);
        ByteBuffer token = ByteBuffer.allocate(1 + TAG_BYTES + 1 + position.length);
        token.put(TOKEN_VERSION).put(tag).put(kind).put(position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The token's bytes, checked to be one this backend issued. */
    private byte[] decode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw badToken(token, "it is not base64url", e);
        }
        if (bytes.length < 1 + TAG_BYTES + 1 || bytes[0] != TOKEN_VERSION) {
            throw badToken(token, "its format is unknown", null);
        }
        for (int i = 0; i < TAG_BYTES; i++) {
            if (bytes[1 + i] != tag[i]) {
                throw badToken(token, "it was issued by another backend", null);
            }
        }
        byte kind = bytes[1 + TAG_BYTES];
        if (kind != AFTER_KEY && kind != AFTER_PREFIX) {
            throw badToken(token, "its format is unknown", null);
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 1 + TAG_BYTES + 1, bytes.length - TAG_BYTES - 2));
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
}
