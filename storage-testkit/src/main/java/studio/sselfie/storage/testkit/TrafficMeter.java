package studio.sselfie.storage.testkit;

/**
 * Counts what a backend sends to its store and receives from it, seen from outside the backend (on the wire), so the
 * conformance suite can check the capabilities a backend declares: a server-side copy moves no body through the
 * client, a ranged read receives about the range, a batch delete is one request, a large put goes up in parts. See
 * {@link StorageBackendConformanceSuite#trafficMeter()}.
 *
 * <p>Every count is cumulative since the meter started; the suite reads the counts before and after one call and
 * compares. {@link studio.sselfie.storage.testkit.faults.HttpFaultProxy} is one, for backends that speak HTTP.
 */
public interface TrafficMeter {

    /** The number of requests the backend has sent so far. */
    long requests();

    /** The bytes the backend has sent so far: requests with their heads and bodies. */
    long requestBytes();

    /** The bytes the backend has received so far: responses with their heads and bodies. */
    long responseBytes();
}
