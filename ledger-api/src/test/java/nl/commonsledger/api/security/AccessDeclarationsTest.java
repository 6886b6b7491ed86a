package nl.commonsledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up check of {@link AccessDeclarations}, in a bare Spring MVC context with one controller:
 * a route that declares nothing, or declares an operation its path cannot serve, stops the start.
 */
class AccessDeclarationsTest {

    @Configuration
    @EnableWebMvc
    static class Mvc {
    }

    @RestController
    static class Undeclared {
        @GetMapping("/api/projects/{projectId}/forgotten")
        String forgotten(@PathVariable String projectId) {
            return projectId;
        }
    }

    @RestController
    @Access(Operation.READ)
    static class Declared {
        @GetMapping("/api/projects/{projectId}/read")
        String read(@PathVariable String projectId) {
            return projectId;
        }

        @Access(Operation.GOVERN)
        @PostMapping("/api/projects/{projectId}/govern")
        String govern(@PathVariable String projectId) {
            return projectId;
        }
    }

    @RestController
    static class NoProjectInPath {
        @Access(Operation.BOOK)
        @PostMapping("/api/bookings")
        String book() {
            return "";
        }
    }

    @RestController
    static class NoMemberInPath {
        @Access(Operation.RECONCILE)
        @PostMapping("/api/projects/{projectId}/reconciliation")
        String reconcile(@PathVariable String projectId) {
            return projectId;
        }
    }

    private static AnnotationConfigWebApplicationContext context(Class<?> controller) {
        AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.register(Mvc.class, AccessDeclarations.class, controller);
        return context;
    }

    @Test
    void aRouteThatDeclaresNothingStopsTheStart() {
        try (var context = context(Undeclared.class)) {
            assertThatThrownBy(context::refresh).hasMessageContaining("must declare its access")
                    .hasMessageContaining("Undeclared#forgotten").hasMessageContaining("declares no @Access");
        }
    }

    @Test
    void declaredRoutesStartAndReadTheirOperationFromMethodOrClass() {
        try (var context = context(Declared.class)) {
            context.refresh();
            var mapping = context.getBean("requestMappingHandlerMapping",
                    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class);
            var operations = mapping.getHandlerMethods().values().stream()
                    .map(h -> h.getMethod().getName() + "=" + AccessDeclarations.of(h).orElseThrow()).toList();
            assertThat(operations).containsExactlyInAnyOrder("read=READ", "govern=GOVERN");
        }
    }

    @Test
    void aProjectOperationOnAPathWithoutAProjectStopsTheStart() {
        try (var context = context(NoProjectInPath.class)) {
            assertThatThrownBy(context::refresh).hasMessageContaining("NoProjectInPath#book")
                    .hasMessageContaining("declares BOOK, which needs {projectId} in its path");
        }
    }

    @Test
    void reconcilingWithoutAMemberInThePathStopsTheStart() {
        try (var context = context(NoMemberInPath.class)) {
            assertThatThrownBy(context::refresh).hasMessageContaining("NoMemberInPath#reconcile")
                    .hasMessageContaining("RECONCILE, which needs {memberId}");
        }
    }
}
