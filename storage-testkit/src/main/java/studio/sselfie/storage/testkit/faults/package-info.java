/**
 * Seeded, reproducible fault injection for testing what sits above a store (a retry layer, a migration) against the
 * failures of a real network: {@link studio.sselfie.storage.testkit.faults.FaultInjectingBackend} decorates any
 * {@link studio.sselfie.storage.StorageBackend} with the faults of
 * {@link studio.sselfie.storage.testkit.faults.Fault} and reports each one it injected; the HTTP fault proxy
 * ({@code HttpFaultProxy}) does the same on the wire, between an S3 client and an S3 server.
 *
 * <p>Null contract: no parameter accepts {@code null} unless its Javadoc says so; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming it. The decorated backend methods are the exception: they pass their
 * arguments to the delegate unchecked, so that it answers as it would undecorated.
 */
package studio.sselfie.storage.testkit.faults;
