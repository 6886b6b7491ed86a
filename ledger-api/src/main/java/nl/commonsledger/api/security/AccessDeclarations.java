package nl.commonsledger.api.security;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@link Access} a handler declares, and checks at start-up that every handler of the
 * ledger's own controllers declares one that fits its route: an undeclared route would otherwise be
 * decided by a default, and a route whose path names no project cannot be checked for a project.
 * The application does not start until each is fixed. Handlers of libraries (the API description)
 * are secured by {@link SecurityConfig} and are not checked here; a path under {@code /api} that no
 * declared handler answers is for ADMIN only ({@link AccessInterceptor}).
 */
@Component
public class AccessDeclarations implements SmartInitializingSingleton {

    /** Handlers in this package and below are the ledger's own and must declare their access. */
    static final String OWN_PACKAGE = "nl.commonsledger.";

    private final ApplicationContext context;

    public AccessDeclarations(ApplicationContext context) {
        this.context = context;
    }

    /** The operation a handler declares, on its method or else on its class. */
    public static Optional<Operation> of(HandlerMethod handler) {
        Access access = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Access.class);
        if (access == null) {
            access = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Access.class);
        }
        return Optional.ofNullable(access).map(Access::value);
    }

    /**
     * Whether a handler is one of the ledger's own, which must declare its access. The error dispatch
     * ({@link ErrorController}) is not: every request that fails reaches it, signed in or not, and
     * {@link SecurityConfig} lets it through.
     */
    public static boolean isOwn(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith(OWN_PACKAGE)
                && !ErrorController.class.isAssignableFrom(handler.getBeanType());
    }

    @Override
    public void afterSingletonsInstantiated() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> problems = problems(mapping.getHandlerMethods());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Every route must declare its access with @Access:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** What is wrong with the declarations of these routes; empty when every one is right. */
    static List<String> problems(Map<RequestMappingInfo, HandlerMethod> routes) {
        List<String> problems = new ArrayList<>();
        routes.forEach((info, handler) -> {
            if (!isOwn(handler)) {
                return;
            }
            Optional<Operation> operation = of(handler);
            String route = info + " (" + handler.getShortLogMessage() + ")";
            if (operation.isEmpty()) {
                problems.add(route + " declares no @Access");
                return;
            }
            Set<String> patterns = info.getPatternValues();
            if (operation.get().projectScoped() && !patterns.stream().allMatch(p -> p.contains("{projectId}"))) {
                problems.add(route + " declares " + operation.get() + ", which needs {projectId} in its path");
            }
            if (operation.get() == Operation.RECONCILE && !patterns.stream().allMatch(p -> p.contains("{memberId}"))) {
                problems.add(route + " declares RECONCILE, which needs {memberId} in its path");
            }
        });
        problems.sort(null);
        return problems;
    }
}
