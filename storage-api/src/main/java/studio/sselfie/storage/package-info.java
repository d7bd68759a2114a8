/**
 * The storage contract: {@link studio.sselfie.storage.StorageBackend}, its value types, its exceptions and
 * capability flags, and {@link studio.sselfie.storage.StorageBackends#open(java.net.URI)} to open a backend by URI.
 *
 * <p>Null contract: no parameter of a public method in this package accepts {@code null} unless its Javadoc says so;
 * a {@code null} argument fails with a {@link java.lang.NullPointerException} naming the parameter, before any I/O.
 * No method returns {@code null}: absent values are {@link java.util.Optional#empty()} or empty collections.
 */
package studio.sselfie.storage;
