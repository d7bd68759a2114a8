package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.DerivedObject;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * What one moved (copied, transformed) object costs on S3, counted where it is honest to count: the HTTP requests that
 * reach the proxy in front of the embedded server, and the writes the engine makes. The cost per object is the
 * difference between a run of {@value #MANY} objects and one of {@value #FEW}, divided by the difference, so the
 * fixed cost of a run (lock, history, listing, journal) drops out. Printed, and bounded so a change that adds
 * requests to every object fails here.
 */
class MigrationRequestCostTest {
    private static final int FEW = 10;
    private static final int MANY = 40;

    private final HttpFaultProxy proxy = HttpFaultProxy.start(S3TestEndpoint.get().endpoint());

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** Requests and writes of one run of {@code migration} over {@code objects} seeded objects. */
    private Cost run(int objects, BiFunction<StorageBackend, Integer, Migration> migration) {
        S3StorageBackend store = new S3StorageBackend(S3Buckets.newBucket("cost").toBuilder().endpoint(proxy.endpoint()).build());
        try {
            for (int i = 0; i < objects; i++) {
                store.put(String.format(Locale.ROOT, "src/%03d.bin", i), ("object " + i).getBytes(StandardCharsets.UTF_8));
            }
            FailingAtNthWriteBackend counting = FailingAtNthWriteBackend.counting(store);
            Migrator migrator = Migrator.builder().backend(counting).concurrency(1).migrations(migration.apply(store, objects)).build();
            List<String> methods = proxy.methodsDuring(migrator::migrate);
            Map<String, Integer> byMethod = new TreeMap<>();
            methods.forEach(method -> byMethod.merge(method, 1, Integer::sum));
            return new Cost(methods.size(), counting.writes(), byMethod);
        } finally {
            store.close();
        }
    }

    private record Cost(int requests, int writes, Map<String, Integer> byMethod) {
    }

    /** Prints and returns requests per object (marginal), with writes per object and the requests by method. */
    private double perObject(String operation, BiFunction<StorageBackend, Integer, Migration> migration) {
        Cost few = run(FEW, migration);
        Cost many = run(MANY, migration);
        double requests = (many.requests() - few.requests()) / (double) (MANY - FEW);
        double writes = (many.writes() - few.writes()) / (double) (MANY - FEW);
        Map<String, String> byMethod = new TreeMap<>();
        many.byMethod().forEach((method, count) -> byMethod.put(method, String.format(Locale.ROOT, "%.2f",
                (count - few.byMethod().getOrDefault(method, 0)) / (double) (MANY - FEW))));
        System.out.printf(Locale.ROOT, "%s on S3: %.2f requests and %.2f writes per object; by method %s%n", operation,
                requests, writes, byMethod);
        return requests;
    }

    @Test
    void moveKeys_onS3_costsAtMostItsBoundInRequestsPerObject() {
        double requests = perObject("moveKeys", (store, objects) -> ScriptedMigration.of("1",
                ctx -> ctx.moveKeys("src/", key -> "dst/" + key.substring(4))));

        assertThat(requests).isLessThanOrEqualTo(3);
    }

    @Test
    void transform_onS3_costsAtMostItsBoundInRequestsPerObject() {
        double requests = perObject("transform", (store, objects) -> ScriptedMigration.of("1", ctx -> ctx.transform("src/",
                info -> true, (info, body) -> Optional.of(new DerivedObject("derived/" + info.key(), body.readAllBytes(),
                        "application/octet-stream", Map.of())))));

        assertThat(requests).isLessThanOrEqualTo(4);
    }

    @Test
    void copyFrom_onS3_costsAtMostItsBoundInRequestsPerObject() {
        double requests = perObject("copyFrom", (store, objects) -> {
            InMemoryStorageBackend source = InMemoryStorageBackend.create();
            for (int i = 0; i < objects; i++) {
                source.put(String.format(Locale.ROOT, "remote/%03d.bin", i), ("remote " + i).getBytes(StandardCharsets.UTF_8));
            }
            return ScriptedMigration.of("1", ctx -> ctx.copyFrom(source, "remote/", key -> "imported/" + key));
        });

        assertThat(requests).isLessThanOrEqualTo(2);
    }
}
