package nl.commonsledger.api.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import nl.commonsledger.api.security.Access;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of ledger-api, checked on its compiled classes. Each rule names what it keeps out and
 * why; a change that breaks one fails the build.
 */
class ArchitectureRulesTest {

    private static JavaClasses api;

    @BeforeAll
    static void importClasses() {
        api = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.commonsledger.api");
    }

    /**
     * Packages by feature depend on each other in one direction only, so that each can be read (and
     * changed) knowing only what it uses: {@code web} (problems, request values) below
     * {@code security}, {@code config} below the features it wires.
     */
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("nl.commonsledger.api.(*)..")
            .should().beFreeOfCycles();

    /**
     * Every route says who may call it where it is mapped. {@code AccessDeclarations} refuses to start
     * without it as well; this rule says so before anything runs, and names the method. The error
     * dispatch is not a route of the ledger.
     */
    static final ArchRule EVERY_HANDLER_DECLARES_ITS_ACCESS = methods()
            .that().areMetaAnnotatedWith(RequestMapping.class)
            .and().areDeclaredInClassesThat().areNotAssignableTo(ErrorController.class)
            .should(declareAccess());

    /**
     * The other modules' handlers are reached through Axon only: the aggregate through the command
     * bus (with its interceptors, its lock and its transaction), the read models through their event
     * processor. A controller that called one directly would book or project outside all of that.
     */
    static final ArchRule NO_HANDLER_OF_ANOTHER_MODULE_IS_CALLED = noClasses()
            .that().resideInAPackage("nl.commonsledger.api..")
            .should().callCodeUnitWhere(targetIsAxonHandlerOutside("nl.commonsledger.api"));

    /**
     * ledger-core's aggregate is internal to it: only the Axon wiring in {@code config} names it (to
     * register its repository, cache and snapshots); everything else speaks to it in commands and
     * hears from it in events, which are ledger-core's public messages.
     */
    static final ArchRule ONLY_CONFIG_NAMES_THE_AGGREGATE = noClasses()
            .that().resideInAPackage("nl.commonsledger.api..")
            .and().resideOutsideOfPackage("nl.commonsledger.api.config..")
            .should().dependOnClassesThat(areEventSourcedAggregates());

    @Test
    void packagesAreFreeOfCycles() {
        PACKAGES_ARE_FREE_OF_CYCLES.check(api);
    }

    @Test
    void everyHandlerDeclaresItsAccess() {
        EVERY_HANDLER_DECLARES_ITS_ACCESS.check(api);
    }

    @Test
    void noHandlerOfAnotherModuleIsCalled() {
        NO_HANDLER_OF_ANOTHER_MODULE_IS_CALLED.check(api);
    }

    @Test
    void onlyConfigNamesTheAggregate() {
        ONLY_CONFIG_NAMES_THE_AGGREGATE.check(api);
    }

    private static DescribedPredicate<JavaClass> areEventSourcedAggregates() {
        return DescribedPredicate.describe("are event-sourced aggregates (declare @EventSourcingHandler methods)",
                c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(EventSourcingHandler.class)));
    }

    private static ArchCondition<JavaMethod> declareAccess() {
        return new ArchCondition<>("declare @Access on the method or its class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = method.isAnnotatedWith(Access.class)
                        || method.getOwner().isAnnotatedWith(Access.class);
                events.add(new SimpleConditionEvent(method, declared,
                        method.getFullName() + (declared ? " declares" : " does not declare") + " @Access"));
            }
        };
    }

    private static DescribedPredicate<JavaCall<?>> targetIsAxonHandlerOutside(String ownPackage) {
        return DescribedPredicate.describe("the target is an Axon handler outside " + ownPackage, call -> {
            if (call.getTargetOwner().getPackageName().startsWith(ownPackage)) {
                return false;
            }
            return call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(CommandHandler.class)
                    || m.isAnnotatedWith(EventSourcingHandler.class) || m.isAnnotatedWith(EventHandler.class)
                    || m.isAnnotatedWith(ResetHandler.class)).orElse(false);
        });
    }
}
