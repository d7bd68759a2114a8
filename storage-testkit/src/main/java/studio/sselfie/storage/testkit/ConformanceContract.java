package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Base of every category of the conformance suite: opens a fresh backend before each test, checks it is empty,
 * cleans it up and closes it after, and offers the helpers the tests share. Categories are abstract classes that the
 * suite runs as nested classes; a backend author does not use them directly.
 */
public abstract class ConformanceContract {
    private final StorageBackendConformanceSuite suite;

    /** The backend under test, fresh and empty for each test. */
    protected StorageBackend backend;

    protected ConformanceContract(StorageBackendConformanceSuite suite) {
        this.suite = Objects.requireNonNull(suite, "suite is null");
    }

    @BeforeEach
    final void openBackend(TestInfo info) {
        String category = getClass().getSimpleName();
        String test = info.getTestMethod().map(m -> m.getName()).orElse("");
        String limitation = suite.knownLimitation(category, test);
        Assumptions.assumeTrue(limitation == null, () -> "known limitation: " + limitation);
        backend = createBackend(suite);
        assertThat(backend.list("").findFirst())
                .as("createBackend() must give a fresh, empty namespace")
                .isEmpty();
    }

    @AfterEach
    final void cleanUpBackend() {
        if (backend == null) {
            return;
        }
        try {
            suite.cleanUp(backend);
        } catch (IllegalStateException closedByTheTest) {
            // The test closed the backend on purpose; what it wrote went with it.
        } finally {
            backend.close();
        }
    }

    /** The suite this category runs in. */
    final StorageBackendConformanceSuite suite() {
        return suite;
    }

    /**
     * The backend of one test, over a fresh, empty namespace; the kit cleans it up and closes it. Default:
     * {@link StorageBackendConformanceSuite#createBackend()}; a category that needs another kind overrides it.
     */
    StorageBackend createBackend(StorageBackendConformanceSuite suite) {
        return suite.createBackend();
    }

    /**
     * The suite's {@link StorageBackendConformanceSuite#trafficMeter()}; skips the test, naming that hook, when there
     * is none.
     */
    protected final TrafficMeter assumeTrafficMeter() {
        Optional<TrafficMeter> meter = suite.trafficMeter();
        Assumptions.assumeTrue(meter.isPresent(), () -> suite.getClass().getSimpleName() + " does not override "
                + "StorageBackendConformanceSuite.trafficMeter(): the wire cannot be seen, test skipped");
        return meter.orElseThrow();
    }

    /** A second backend over a fresh namespace, for tests that must close one; the caller closes it. */
    protected final StorageBackend newBackend() {
        return suite.createBackend();
    }

    /** Skips the test unless the backend supports {@code capability}; the skip message names it. */
    protected final void assumeCapability(Capability capability) {
        Assumptions.assumeTrue(backend.supports(capability),
                () -> backend.name() + " does not declare capability " + capability + ": test skipped");
    }

    /** {@code length} deterministic pseudo-random bytes for {@code seed}. */
    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    protected static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Lower-case hex SHA-256 of the rest of {@code in}, streamed. */
    protected static String sha256(InputStream in) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the whole object at {@code key}. */
    protected final byte[] read(String key) {
        try (StorageObject object = backend.get(key)) {
            return object.readAllBytes();
        }
    }

    /** Stores {@code bytes} at {@code key} with default options. */
    protected final ObjectInfo write(String key, byte[] bytes) {
        return backend.put(key, bytes);
    }

    /** A stream over {@code bytes}. */
    protected static InputStream streamOf(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** A snapshot of the whole namespace: key to SHA-256 of its bytes, sorted; to prove a rejected call changed nothing. */
    protected final Map<String, String> snapshot() {
        return backend.list("").collect(Collectors.toMap(ObjectInfo::key, info -> sha256(read(info.key())),
                (a, b) -> a, TreeMap::new));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
