package studio.sselfie.storage.testkit;

import static java.util.Objects.requireNonNull;

/** What a {@link TrafficMeter} counted during one call: requests, bytes sent and bytes received. */
record TrafficDelta(long requests, long requestBytes, long responseBytes) {

    /** Runs {@code call} and returns what {@code meter} counted meanwhile. */
    static TrafficDelta during(TrafficMeter meter, Runnable call) {
        requireNonNull(meter, "meter is null");
        requireNonNull(call, "call is null");
        long requests = meter.requests();
        long sent = meter.requestBytes();
        long received = meter.responseBytes();
        call.run();
        return new TrafficDelta(meter.requests() - requests, meter.requestBytes() - sent,
                meter.responseBytes() - received);
    }

    /** Bytes both ways. */
    long bytes() {
        return requestBytes + responseBytes;
    }

    @Override
    public String toString() {
        return requests + " requests, " + requestBytes + " bytes sent, " + responseBytes + " bytes received";
    }
}
