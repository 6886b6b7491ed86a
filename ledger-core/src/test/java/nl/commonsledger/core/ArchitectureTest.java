package nl.commonsledger.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core stays a plain domain: no Spring, no persistence (the event store is the source of truth
 * and lives behind Axon), and never floating point for money (rule 1).
 */
class ArchitectureTest {

    private static final Set<String> FLOATING_POINT = Set.of(
            "double", "float", Double.class.getName(), Float.class.getName());

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.commonsledger.core");
    }

    @Test
    void theCoreIsImported() {
        // Guards the rules below against passing on an empty import.
        assertThat(core.contain("nl.commonsledger.core.project.ProjectAggregate")).isTrue();
        assertThat(core.contain("nl.commonsledger.core.money.LargestRemainder")).isTrue();
    }

    @Test
    void coreDoesNotDependOnSpringOrPersistence() {
        ArchRule rule = noClasses().that().resideInAPackage("nl.commonsledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "javax.persistence..", "java.sql..",
                        "org.hibernate..")
                .because("the domain must run and be tested without a container or a database");

        rule.check(core);
    }

    @Test
    void coreNeverUsesFloatingPoint() {
        ArchRule rule = classes().that().resideInAPackage("nl.commonsledger.core..")
                .should(notUseFloatingPointTypes())
                .because("money is exact: integer minor units or BigDecimal, never double (rule 1)");

        rule.check(core);
    }

    @Test
    void floatingPointConditionCatchesFieldsParametersAndReturnTypes() {
        // The condition itself must be able to fail, or the rule above proves nothing.
        JavaClasses offenders = new ClassFileImporter().importClasses(
                WithDoubleField.class, WithFloatParameter.class, WithBoxedReturn.class, WithDoubleList.class,
                Clean.class);

        EvaluationResult result = classes().should(notUseFloatingPointTypes()).evaluate(offenders);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains(WithDoubleField.class.getSimpleName()))
                .anyMatch(d -> d.contains(WithFloatParameter.class.getSimpleName()))
                .anyMatch(d -> d.contains(WithBoxedReturn.class.getSimpleName()))
                .anyMatch(d -> d.contains(WithDoubleList.class.getSimpleName()))
                .noneMatch(d -> d.contains(Clean.class.getSimpleName()));
    }

    /** No field, parameter or return type that is, or is parameterised with, double/float/Double/Float. */
    private static ArchCondition<JavaClass> notUseFloatingPointTypes() {
        return new ArchCondition<>("not use double, float, Double or Float in fields, parameters or return types") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaField field : javaClass.getFields()) {
                    if (isFloatingPoint(field.getType())) {
                        events.add(SimpleConditionEvent.violated(field,
                                field.getFullName() + " has floating point type " + field.getType().getName()));
                    }
                }
                for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
                    for (JavaType parameter : unit.getParameterTypes()) {
                        if (isFloatingPoint(parameter)) {
                            events.add(SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " takes floating point " + parameter.getName()));
                        }
                    }
                    if (isFloatingPoint(unit.getReturnType())) {
                        events.add(SimpleConditionEvent.violated(unit,
                                unit.getFullName() + " returns floating point " + unit.getReturnType().getName()));
                    }
                }
            }
        };
    }

    private static boolean isFloatingPoint(JavaType type) {
        return type.getAllInvolvedRawTypes().stream().anyMatch(raw -> FLOATING_POINT.contains(raw.getName()));
    }

    // ---- deliberate offenders for the self-test ------------------------------------------------

    static class WithDoubleField {
        double amount;
    }

    static class WithFloatParameter {
        void book(float hours) {
        }
    }

    static class WithBoxedReturn {
        Double total() {
            return null;
        }
    }

    static class WithDoubleList {
        List<Double> shares;
    }

    static class Clean {
        java.math.BigDecimal amount;

        long cents(java.math.BigDecimal value) {
            return 0;
        }
    }
}
