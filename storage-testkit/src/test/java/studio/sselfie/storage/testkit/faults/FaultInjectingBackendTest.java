package studio.sselfie.storage.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

class FaultInjectingBackendTest {
    private static final Pattern OFFSET = Pattern.compile("^(?:after|byte) (\\d+) of (\\d+)");

    private final FaultTestBackend store = new FaultTestBackend();

    private FaultInjectingBackend only(Fault fault) {
        return FaultInjectingBackend.builder(store).seed(7).rate(1).faults(fault).latency(Duration.ZERO).build();
    }

    @Test
    void log_sameSeedAndCalls_sameFaults() {
        FaultInjectingBackend first = FaultInjectingBackend.faulty(new FaultTestBackend(), 42, 0.4);
        FaultInjectingBackend second = FaultInjectingBackend.faulty(new FaultTestBackend(), 42, 0.4);

        runWorkload(first, 600);
        runWorkload(second, 600);

        assertThat(first.log()).isNotEmpty().isEqualTo(second.log());
        assertThat(first.log()).extracting(InjectedFault::fault).contains(Fault.values());
    }

    @Test
    void log_differentSeed_differentFaults() {
        FaultInjectingBackend first = FaultInjectingBackend.faulty(new FaultTestBackend(), 1, 0.3);
        FaultInjectingBackend second = FaultInjectingBackend.faulty(new FaultTestBackend(), 2, 0.3);

        runWorkload(first, 300);
        runWorkload(second, 300);

        assertThat(first.log()).isNotEqualTo(second.log());
    }

    @Test
    void rateZero_everyOperation_behavesAsDelegateAndInjectsNothing() throws IOException {
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(store).seed(3).rate(0).build();
        byte[] bytes = bytes(5000);

        ObjectInfo put = faulty.put("a/one", new ByteArrayInputStream(bytes), bytes.length, PutOptions.defaults());
        byte[] read;
        try (StorageObject object = faulty.get("a/one", GetOptions.whole())) {
            read = object.stream().readAllBytes();
        }
        faulty.copy("a/one", "a/two");

        assertThat(read).isEqualTo(bytes);
        assertThat(faulty.head("a/one")).contains(put);
        assertThat(faulty.list("a/")).extracting(ObjectInfo::key).containsExactly("a/one", "a/two");
        assertThat(faulty.deleteAll(List.of("a/one", "a/two")).isSuccess()).isTrue();
        assertThat(faulty.log()).isEmpty();
        assertThat(faulty.stats().calls()).isEqualTo(6);
        assertThat(faulty.stats().injected()).isZero();
    }

    @Test
    void put_failBefore_throwsRetryableAndStoresNothing() {
        FaultInjectingBackend faulty = only(Fault.FAIL_BEFORE);
        ByteArrayInputStream body = new ByteArrayInputStream(bytes(100));

        assertThatThrownBy(() -> faulty.put("k", body, 100, PutOptions.defaults()))
                .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.operation()).isEqualTo(StorageOperation.PUT);
                    assertThat(e.key()).contains("k");
                    assertThat(e.backend()).isEqualTo(faulty.name());
                })
                .hasMessageContaining("injected fault FAIL_BEFORE (seed 7, call 1)");
        assertThat(store.stored("k")).isEmpty();
        assertThat(body.available()).as("unread body bytes").isEqualTo(100);
    }

    @Test
    void put_failAfter_throwsRetryableButStoresObject() {
        FaultInjectingBackend faulty = only(Fault.FAIL_AFTER);
        byte[] bytes = bytes(100);

        assertThatThrownBy(() -> faulty.put("k", bytes))
                .isInstanceOfSatisfying(StorageUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("injected fault FAIL_AFTER (seed 7, call 1)");
        assertThat(store.stored("k")).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    @Test
    void get_failAfterOnMissingObject_throwsDelegatesExceptionAndRecordsNothing() {
        FaultInjectingBackend faulty = only(Fault.FAIL_AFTER);

        assertThatThrownBy(() -> faulty.get("missing"))
                .isInstanceOf(studio.sselfie.storage.ObjectNotFoundException.class);
        assertThat(faulty.log()).isEmpty();
    }

    @Test
    void get_missingKeyWithoutFault_typedExceptionNamesThisBackend() {
        FaultInjectingBackend faulty = FaultInjectingBackend.faulty(store, 0, 0);

        assertThatThrownBy(() -> faulty.get("missing"))
                .isInstanceOfSatisfying(studio.sselfie.storage.ObjectNotFoundException.class,
                        e -> assertThat(e.backend()).isEqualTo(faulty.name()));
    }

    @Test
    void get_truncateRead_throwsIOExceptionAfterFewerThanSizeBytes() {
        byte[] bytes = bytes(10_000);
        store.put("k", bytes);
        FaultInjectingBackend faulty = only(Fault.TRUNCATE_READ);
        ByteCollector received = new ByteCollector();

        try (StorageObject object = faulty.get("k")) {
            assertThat(object.contentLength()).isEqualTo(bytes.length);
            assertThatThrownBy(() -> received.drain(object.stream()))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("connection reset (injected)");
            assertThatThrownBy(() -> object.stream().read()).isInstanceOf(IOException.class);
        }

        assertThat(received.size()).isLessThan(bytes.length).isEqualTo(loggedOffset(faulty));
        assertThat(received.toByteArray()).isEqualTo(java.util.Arrays.copyOf(bytes, received.size()));
    }

    @Test
    void get_corruptRead_changesExactlyOneByteAndKeepsLength() throws IOException {
        byte[] bytes = bytes(10_000);
        store.put("k", bytes);
        FaultInjectingBackend faulty = only(Fault.CORRUPT_READ);

        byte[] read;
        try (StorageObject object = faulty.get("k")) {
            read = object.stream().readAllBytes();
        }

        assertThat(read).hasSameSizeAs(bytes);
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (read[i] != bytes[i]) {
                differing.add(i);
            }
        }
        assertThat(differing).containsExactly(loggedOffset(faulty));
    }

    @Test
    void get_corruptReadOfRange_changesOneByteWithinRange() throws IOException {
        byte[] bytes = bytes(1000);
        store.put("k", bytes);
        FaultInjectingBackend faulty = only(Fault.CORRUPT_READ);

        byte[] read;
        try (StorageObject object = faulty.get("k", GetOptions.range(ByteRange.of(100, 199)))) {
            assertThat(object.range()).contains(ByteRange.of(100, 199));
            read = object.stream().readAllBytes();
        }

        byte[] expected = java.util.Arrays.copyOfRange(bytes, 100, 200);
        assertThat(read).hasSize(100).isNotEqualTo(expected);
        read[loggedOffset(faulty)] = expected[loggedOffset(faulty)];
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void get_readFaultOnEmptyObject_injectsNothing() {
        store.put("empty", new byte[0]);
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(store).rate(1)
                .faults(Fault.TRUNCATE_READ, Fault.CORRUPT_READ).build();

        assertThat(faulty.getBytes("empty")).isEmpty();
        faulty.put("other", bytes(10)); // no read fault applies to a put
        assertThat(faulty.log()).isEmpty();
        assertThat(faulty.stats().calls()).isEqualTo(2);
    }

    @Test
    void latency_onEveryOperation_callsStillSucceed() {
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(store).rate(1).faults(Fault.LATENCY)
                .latency(Duration.ofMillis(1)).build();

        faulty.put("a", bytes(10));
        assertThat(faulty.getBytes("a")).isEqualTo(bytes(10));
        assertThat(faulty.exists("a")).isTrue();
        faulty.copy("a", "b");
        assertThat(faulty.listPage(ListOptions.prefix("")).objects()).hasSize(2);
        faulty.delete("a");
        assertThat(faulty.deleteAll(List.of("b")).deleted()).containsExactly("b");

        assertThat(faulty.stats().injected(Fault.LATENCY)).isEqualTo(7).isEqualTo(faulty.stats().calls());
        assertThat(faulty.log()).extracting(InjectedFault::detail)
                .allMatch(detail -> detail.startsWith("delay PT0.001S"));
    }

    @Test
    void stats_afterSeededRun_matchLog() {
        FaultInjectingBackend faulty = FaultInjectingBackend.faulty(store, 11, 0.25);

        int calls = runWorkload(faulty, 400);

        FaultStats stats = faulty.stats();
        List<InjectedFault> log = faulty.log();
        Map<Fault, Long> byFault = new EnumMap<>(Fault.class);
        Map<StorageOperation, Long> byOperation = new EnumMap<>(StorageOperation.class);
        for (Fault fault : Fault.values()) {
            byFault.put(fault, 0L);
        }
        for (StorageOperation operation : StorageOperation.values()) {
            byOperation.put(operation, 0L);
        }
        log.forEach(entry -> {
            byFault.merge(entry.fault(), 1L, Long::sum);
            byOperation.merge(entry.operation(), 1L, Long::sum);
        });
        assertThat(stats.calls()).isEqualTo(calls);
        assertThat(stats.injected()).isEqualTo(log.size()).isPositive();
        assertThat(stats.injectedByFault()).isEqualTo(byFault);
        assertThat(stats.injectedByOperation()).isEqualTo(byOperation);
        assertThat(log).extracting(InjectedFault::call).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void enabled_false_stopsInjectionUntilSwitchedOn() {
        FaultInjectingBackend faulty = only(Fault.FAIL_BEFORE);

        faulty.enabled(false);
        faulty.put("k", bytes(10));
        assertThat(faulty.log()).isEmpty();

        faulty.enabled(true);
        assertThatThrownBy(() -> faulty.put("k", bytes(10))).isInstanceOf(StorageUnavailableException.class);
        assertThat(faulty.log()).extracting(InjectedFault::call).containsExactly(2L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5, Double.NaN})
    void builder_rateOutsideZeroToOne_rejectedNamingRate(double rate) {
        assertThatThrownBy(() -> FaultInjectingBackend.builder(store).rate(rate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate").hasMessageContaining(String.valueOf(rate));
    }

    @Test
    void operations_filter_onlyListedOperationsGetFaults() {
        store.put("k", bytes(10));
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(store).rate(1).faults(Fault.FAIL_BEFORE)
                .operations(StorageOperation.HEAD).build();

        faulty.put("k2", bytes(10));
        assertThat(faulty.getBytes("k")).hasSize(10);
        assertThatThrownBy(() -> faulty.head("k")).isInstanceOf(StorageUnavailableException.class);
        assertThat(faulty.log()).extracting(InjectedFault::operation).containsExactly(StorageOperation.HEAD);
    }

    @Test
    void copyAndDeleteAll_goToDelegatesOwnMethodsWithOneDecisionEach() {
        store.put("a", bytes(10));
        FaultInjectingBackend faulty = FaultInjectingBackend.faulty(store, 5, 0);

        faulty.copy("a", "b");
        faulty.deleteAll(List.of("a", "b"));

        assertThat(store.copies).hasValue(1);
        assertThat(store.batchDeletes).hasValue(1);
        assertThat(faulty.stats().callsByOperation()).containsEntry(StorageOperation.COPY, 1L)
                .containsEntry(StorageOperation.DELETE_ALL, 1L).containsEntry(StorageOperation.GET, 0L)
                .containsEntry(StorageOperation.PUT, 0L).containsEntry(StorageOperation.DELETE, 0L);
    }

    @Test
    void nameAndCapabilities_comeFromDelegate() {
        FaultInjectingBackend faulty = FaultInjectingBackend.faulty(store, 0, 0.5);

        assertThat(faulty.name()).isEqualTo("map://faults");
        assertThat(faulty).hasToString("faulty(map://faults){seed=0, rate=0.5, latency=PT0.001S, enabled=true}");
        assertThat(faulty.capabilities()).isEqualTo(store.capabilities());
        assertThat(faulty.supports(Capability.SERVER_SIDE_COPY)).isTrue();
        assertThat(faulty.delegate()).isSameAs(store);
    }

    @Test
    void close_closesDelegateAndLaterCallsFailAsDelegatesDo() {
        FaultInjectingBackend faulty = only(Fault.FAIL_BEFORE);

        faulty.close();

        assertThatThrownBy(() -> store.head("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> faulty.put("k", bytes(1))).isInstanceOf(IllegalStateException.class);
        assertThat(faulty.log()).isEmpty();
    }

    @Test
    void stats_concurrentCalls_countEveryCallAndAgreeWithLog() throws Exception {
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(store).seed(9).rate(0.5)
                .faults(Fault.FAIL_BEFORE, Fault.FAIL_AFTER).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "t" + t + "/";
                writers.add(() -> {
                    for (int i = 0; i < 250; i++) {
                        try {
                            faulty.put(prefix + i, bytes(8));
                        } catch (StorageUnavailableException expected) {
                            // injected; counted below
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        FaultStats stats = faulty.stats();
        assertThat(stats.calls()).isEqualTo(1000);
        assertThat(stats.injected()).isEqualTo(faulty.log().size()).isBetween(1L, 999L);
        assertThat(faulty.log()).extracting(InjectedFault::call).doesNotHaveDuplicates();
    }

    /** A fixed mix of every operation, swallowing storage and read failures; returns the number of backend calls. */
    private static int runWorkload(FaultInjectingBackend faulty, int rounds) {
        for (int i = 0; i < rounds; i++) {
            String key = "w/" + (i % 7);
            try {
                switch (i % 6) {
                    case 0 -> faulty.put(key, bytes(50 + i));
                    case 1 -> {
                        try (StorageObject object = faulty.get(key)) {
                            object.stream().readAllBytes();
                        }
                    }
                    case 2 -> faulty.head(key);
                    case 3 -> faulty.listPage(ListOptions.prefix("w/"));
                    case 4 -> faulty.copy(key, key + "-copy");
                    default -> faulty.deleteAll(List.of(key + "-copy"));
                }
            } catch (StorageException | IOException e) {
                // the workload only drives the decorator; faults and missing keys are expected
            }
        }
        return rounds;
    }

    private static int loggedOffset(FaultInjectingBackend faulty) {
        assertThat(faulty.log()).hasSize(1);
        Matcher matcher = OFFSET.matcher(faulty.log().get(0).detail());
        assertThat(matcher.find()).as("offset in %s", faulty.log().get(0).detail()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** Collects what a stream delivers before it fails. */
    private static final class ByteCollector extends java.io.ByteArrayOutputStream {
        void drain(InputStream in) throws IOException {
            byte[] buffer = new byte[777];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                write(buffer, 0, n);
            }
        }
    }
}
