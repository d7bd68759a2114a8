package studio.sselfie.storage.architecture;

import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Conventions of the public API in storage-api (STYLE.md: unchecked exceptions, Optional only as a return type). */
@AnalyzeClasses(packages = Packages.ROOT, importOptions = {ImportOption.DoNotIncludeTests.class, MainClassesOnly.class})
class ApiConventionRulesTest {
    private static final Set<String> OPTIONAL_TYPES = Set.of(Optional.class.getName(), OptionalInt.class.getName(),
            OptionalLong.class.getName(), OptionalDouble.class.getName());

    private static final DescribedPredicate<JavaClass> AN_OPTIONAL =
            DescribedPredicate.describe("an Optional", type -> OPTIONAL_TYPES.contains(type.getName()));

    // Protected members count: backends outside the package implement AbstractStorageBackend's do-methods.
    private static final DescribedPredicate<JavaCodeUnit> VISIBLE_OUTSIDE_THE_PACKAGE = DescribedPredicate.describe(
            "public or protected", unit -> modifier(JavaModifier.PUBLIC).test(unit) || modifier(JavaModifier.PROTECTED).test(unit));

    @ArchTest
    static final ArchRule apiDeclaresNoCheckedExceptions = codeUnits()
            .that().areDeclaredInClassesThat().resideInAPackage(Packages.API)
            .and().areDeclaredInClassesThat().arePublic()
            .and(VISIBLE_OUTSIDE_THE_PACKAGE)
            .should(declareOnlyUncheckedExceptions())
            .because("every failure of the API is an unchecked StorageException (or a JDK runtime exception)");

    @ArchTest
    static final ArchRule apiHasNoOptionalFields = fields()
            .that().areDeclaredInClassesThat().resideInAPackage(Packages.API)
            .should().notHaveRawType(AN_OPTIONAL)
            .because("Optional is only a return type: a field holds null or a value");

    @ArchTest
    static final ArchRule apiHasNoOptionalParameters = codeUnits()
            .that().areDeclaredInClassesThat().resideInAPackage(Packages.API)
            .and().areDeclaredInClassesThat().arePublic()
            .and(VISIBLE_OUTSIDE_THE_PACKAGE)
            .should(notTakeAnOptional())
            .because("Optional is only a return type: a caller passes a value or uses an overload");

    private static ArchCondition<JavaCodeUnit> declareOnlyUncheckedExceptions() {
        return new ArchCondition<>("declare only unchecked exceptions") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (ThrowsDeclaration<? extends JavaCodeUnit> declaration : unit.getThrowsClause()) {
                    JavaClass type = declaration.getRawType();
                    if (!type.isAssignableTo(RuntimeException.class) && !type.isAssignableTo(Error.class)) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " declares checked "
                                + type.getName() + " in " + unit.getSourceCodeLocation()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaCodeUnit> notTakeAnOptional() {
        return new ArchCondition<>("not take an Optional parameter") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (JavaClass type : unit.getRawParameterTypes()) {
                    if (AN_OPTIONAL.test(type)) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes " + type.getName()
                                + " in " + unit.getSourceCodeLocation()));
                    }
                }
            }
        };
    }
}
