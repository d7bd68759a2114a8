/**
 * Test support for migrations of stored data: {@link studio.sselfie.storage.migration.testkit.MigrationTester} (up, the
 * caller's assertions, down, and a byte-identical store; crashes at every write, resumed), the crash-simulating
 * {@link studio.sselfie.storage.migration.testkit.FailingAtNthWriteBackend}, byte-level
 * {@link studio.sselfie.storage.migration.testkit.StoreSnapshot}s, and
 * {@link studio.sselfie.storage.migration.testkit.AbstractMigrationSuite}, the engine's behaviours as a JUnit suite
 * for any backend. Arguments are non-null unless a method says otherwise.
 */
package studio.sselfie.storage.migration.testkit;
