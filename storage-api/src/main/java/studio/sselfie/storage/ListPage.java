package studio.sselfie.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: objects and common prefixes, each list in ascending UTF-8 byte order of keys, and the token
 * of the next page when there is one. Immutable.
 */
public final class ListPage {
    private final List<ObjectInfo> objects;
    private final List<String> commonPrefixes;
    private final String nextToken;

    /**
     * @param objects        the objects of this page
     * @param commonPrefixes the common prefixes of this page (empty without a delimiter)
     * @param nextToken      the continuation token of the next page, or {@code null} if this is the last page
     */
    public ListPage(List<ObjectInfo> objects, List<String> commonPrefixes, String nextToken) {
        this.objects = List.copyOf(Objects.requireNonNull(objects, "objects is null"));
        this.commonPrefixes = List.copyOf(Objects.requireNonNull(commonPrefixes, "commonPrefixes is null"));
        this.nextToken = nextToken;
    }

    /** The objects of this page. */
    public List<ObjectInfo> objects() {
        return objects;
    }

    /** The common prefixes of this page, each ending with the delimiter. */
    public List<String> commonPrefixes() {
        return commonPrefixes;
    }

    /**
     * The token for {@link ListOptions.Builder#continuationToken(String)}, or empty on the last page. A backend may give
     * a token whose page turns out empty when the entries fill the last page exactly; callers just stop at a page
     * without a token. A later page sees objects written after the first page was fetched (no snapshot).
     */
    public Optional<String> nextToken() {
        return Optional.ofNullable(nextToken);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListPage && ((ListPage) o).objects.equals(objects)
                && ((ListPage) o).commonPrefixes.equals(commonPrefixes) && Objects.equals(((ListPage) o).nextToken, nextToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(objects, commonPrefixes, nextToken);
    }

    @Override
    public String toString() {
        return "ListPage{objects=" + objects.size() + ", commonPrefixes=" + commonPrefixes + ", nextToken=" + nextToken + '}';
    }
}
