/**
 * Guice wiring of the storage SDK. {@link studio.sselfie.storage.guice.StorageModule} binds
 * {@link studio.sselfie.storage.StorageBackend}s opened from URIs or properties, or built by the application's
 * factories from typed configuration (qualified with {@code @Named} where an application needs several, optionally
 * wrapped in the resilience decorator), all closed through the bound
 * {@link studio.sselfie.storage.guice.StorageLifecycle}; {@link studio.sselfie.storage.guice.MigrationModule}
 * collects migrations by multibinding and provides the {@link studio.sselfie.storage.migration.Migrator}.
 *
 * <p>Null contract: no parameter accepts {@code null}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming it.
 */
package studio.sselfie.storage.guice;
