package studio.sselfie.storage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.stream.Collectors;

/**
 * Who may depend on whom (DESIGN.md, section 1), checked on the main classes of every module on this module's class
 * path. Third-party code is not imported: only packages under {@value Packages#ROOT} are.
 */
@AnalyzeClasses(packages = Packages.ROOT, importOptions = {ImportOption.DoNotIncludeTests.class, MainClassesOnly.class})
class ModuleDependencyRulesTest {

    @ArchTest
    static final ArchRule apiDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage(Packages.API)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", Packages.API)
            .because("storage-api depends on the JDK alone, so that every backend and app can take it");

    @ArchTest
    static final ArchRule backendsDoNotDependOnEachOther = CompositeArchRule.of(Packages.BACKENDS.stream()
                    .map(backend -> noClasses()
                            .that().resideInAPackage(backend + "..")
                            .should().dependOnClassesThat().resideInAnyPackage(Packages.backendsOtherThan(backend))
                            .because("a backend depends on storage-api and its own client library, never on another backend"))
                    .collect(Collectors.toList()))
            .as("no backend depends on another backend " + Packages.BACKENDS);

    @ArchTest
    static final ArchRule s3ProtocolKnowsNoClient = classes()
            .that().resideInAPackage("studio.sselfie.storage.s3protocol..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", Packages.API,
                    "studio.sselfie.storage.s3protocol..")
            .because("what the S3-protocol backends share (the error table, the POST policy and its SigV4 signature,"
                    + " computed with the JDK's HMAC) knows neither the AWS nor the MinIO client, so both can depend on it");

    @ArchTest
    static final ArchRule migrationsDependOnTheApiNotOnBackends = noClasses()
            .that().resideInAPackage("studio.sselfie.storage.migration..")
            .should().dependOnClassesThat().resideInAnyPackage(Packages.allBackends())
            .because("migration-core works over any StorageBackend, through storage-api only");

    @ArchTest
    static final ArchRule resilienceAndWiringDependOnTheApiNotOnBackends = noClasses()
            .that().resideInAnyPackage("studio.sselfie.storage.resilience..", "studio.sselfie.storage.guice..")
            .should().dependOnClassesThat().resideInAnyPackage(Packages.allBackends())
            .because("the resilience decorator wraps any StorageBackend, and the Guice module opens backends by URI "
                    + "through their ServiceLoader providers");

    @ArchTest
    static final ArchRule resilienceDependsOnlyOnTheApiResilience4jSlf4jAndMicrometer = classes()
            .that().resideInAPackage("studio.sselfie.storage.resilience..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", Packages.API,
                    "studio.sselfie.storage.resilience..", "io.github.resilience4j..", "org.slf4j..", "io.vavr..",
                    "io.micrometer..")
            .because("storage-resilience adds resilience4j (and optional Micrometer metrics) around the API, nothing else");

    @ArchTest
    static final ArchRule onlyTheTestkitDependsOnTheTestkit = noClasses()
            .that().resideOutsideOfPackage(Packages.TESTKIT)
            .should().dependOnClassesThat().resideInAPackage(Packages.TESTKIT)
            .because("nothing in src/main depends on storage-testkit: it is a test-scope dependency");

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices()
            .matching(Packages.ROOT + ".(*)..")
            .should().beFreeOfCycles();

    /** Finer than {@link #modulesAreFreeOfCycles}: every package is its own slice, the API package included. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("studio.sselfie.(**)")
            .should().beFreeOfCycles();
}
