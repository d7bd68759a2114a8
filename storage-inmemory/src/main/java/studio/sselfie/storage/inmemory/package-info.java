/**
 * The in-memory reference backend, {@link studio.sselfie.storage.inmemory.InMemoryStorageBackend}, and its provider
 * for {@code mem://name} URIs. Use it in an app's unit tests: it is byte-exact, thread-safe and enforces S3's limits.
 *
 * <p>Null contract: no parameter of a public method in this package accepts {@code null}; a {@code null} argument
 * fails with a {@link java.lang.NullPointerException} naming the parameter.
 */
package studio.sselfie.storage.inmemory;
