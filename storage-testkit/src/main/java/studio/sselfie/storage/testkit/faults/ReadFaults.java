package studio.sselfie.storage.testkit.faults;

import java.io.InputStream;
import java.util.SplittableRandom;

import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.testkit.faults.FaultInjector.Decision;

/** Injects {@link Fault#TRUNCATE_READ} and {@link Fault#CORRUPT_READ} into an opened object. */
final class ReadFaults {
    private ReadFaults() {
    }

    /**
     * The object with its stream altered as {@code decision} says, the fault recorded.
     *
     * @param object an object whose content length is above 0
     */
    static StorageObject alter(FaultInjector injector, Decision decision, String key, StorageObject object) {
        long size = object.contentLength();
        // A generator of its own, seeded by the decision, so the offsets do not depend on the order in which
        // concurrent callers open their streams.
        SplittableRandom random = new SplittableRandom(decision.detailSeed());
        long offset = random.nextLong(size);
        InputStream stream;
        if (decision.is(Fault.TRUNCATE_READ)) {
            injector.record(decision, StorageOperation.GET, key, "after " + offset + " of " + size + " bytes");
            stream = new TruncatingInputStream(object.stream(), offset, size,
                    "key '" + key + "', seed " + injector.seed() + ", call " + decision.call());
        } else if (decision.is(Fault.CORRUPT_READ)) {
            int mask = 1 + random.nextInt(255);
            injector.record(decision, StorageOperation.GET, key,
                    "byte " + offset + " of " + size + " xor 0x" + Integer.toHexString(mask));
            stream = new CorruptingInputStream(object.stream(), offset, mask);
        } else {
            throw new IllegalArgumentException("not a read fault: " + decision.fault());
        }
        return new StorageObject(object.info(), stream, size, object.range().orElse(null));
    }
}
