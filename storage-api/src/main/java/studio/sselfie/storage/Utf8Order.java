package studio.sselfie.storage;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 bytes compare (unsigned), which is Unicode code point order: the order S3 lists keys
 * in. {@link String#compareTo} compares UTF-16 units instead and puts a supplementary character (a surrogate pair,
 * U+D800-U+DFFF) before U+E000-U+FFFF, where UTF-8 puts it after. Every listing of every backend is in this order;
 * backends that keep keys sorted, and tools that merge two listings, use it.
 */
public final class Utf8Order implements Comparator<String> {
    /** The one instance. */
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // Lift surrogates above U+E000-U+FFFF; below U+D800 UTF-16 order is already code point order.
                    return Character.compare(fixUp(x), fixUp(y));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static char fixUp(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }
}
