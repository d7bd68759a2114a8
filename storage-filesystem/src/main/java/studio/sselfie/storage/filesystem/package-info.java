/**
 * The filesystem backend, {@link studio.sselfie.storage.filesystem.FileSystemStorageBackend}, its config and its
 * provider for {@code file:///path/to/root} URIs: objects kept in one directory on local disk, written atomically,
 * with their metadata beside their bytes, and conditional writes that hold across processes.
 *
 * <p>Null contract: no parameter of a public method in this package accepts {@code null}; a {@code null} argument
 * fails with a {@link java.lang.NullPointerException} naming the parameter.
 */
package studio.sselfie.storage.filesystem;
