package studio.sselfie.storage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Backend modules look alike (STYLE.md): their public surface is the backend, its config, its URI provider and its
 * Guice module; everything else is package-private, and implementation classes are final.
 */
@AnalyzeClasses(packages = Packages.ROOT, importOptions = {ImportOption.DoNotIncludeTests.class, MainClassesOnly.class})
class BackendEncapsulationRulesTest {

    @ArchTest
    static final ArchRule backendsExposeOnlyTheirFourTypes = classes()
            .that().resideInAnyPackage(Packages.allBackends())
            .and().areTopLevelClasses()
            .and().arePublic()
            .should().haveSimpleNameEndingWith("StorageBackend")
            .orShould().haveSimpleNameEndingWith("StorageConfig")
            .orShould().haveSimpleNameEndingWith("StorageProvider")
            .orShould().haveSimpleNameEndingWith("StorageModule")
            .because("a reader who knows one backend module knows all; helpers stay package-private");

    @ArchTest
    static final ArchRule backendClassesAreFinal = classes()
            .that().resideInAnyPackage(Packages.allBackends())
            .and().areTopLevelClasses()
            .and().areNotInterfaces()
            .and().areNotEnums()
            .and().doNotHaveModifier(JavaModifier.ABSTRACT)
            .should().haveModifier(JavaModifier.FINAL)
            .because("backend classes are not designed for extension");
}
