package nl.commonsledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.commonsledger.api.web.ApiProblem;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Applies the access each handler declares ({@link Access}) to the handler Spring MVC resolved for the
 * request, before it runs, with the project and member as the route's own path variables read them.
 * A HEAD request resolves to its GET handler, so it is allowed exactly when the GET is. Under
 * {@code /api} it also refuses writes from other sites, and a path that no handler of the ledger
 * answers is for ADMIN only. Routes outside {@code /api} that the ledger does not map (static assets,
 * the API description, actuator) are left to {@link SecurityConfig}.
 */
@Configuration
public class AccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final AccessPolicy policy;
    private final CurrentUser currentUser;

    public AccessInterceptor(AccessPolicy policy, CurrentUser currentUser) {
        this.policy = policy;
        this.currentUser = currentUser;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                refuseCrossSiteWrites(request);
                if (declared(handler).isEmpty()) {
                    policy.authorizeUndeclared(currentUser.require());
                }
                return true;
            }
        }).addPathPatterns("/api/**");
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Optional<Operation> operation = declared(handler);
        if (operation.isEmpty()) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Map<String, String> names = variables == null ? Map.of() : variables;
        policy.authorize(currentUser.require(), operation.get(), names.get("projectId"), names.get("memberId"));
        return true;
    }

    /** The operation a handler of the ledger declares; empty for other handlers (static assets, libraries). */
    private static Optional<Operation> declared(Object handler) {
        return handler instanceof HandlerMethod method && AccessDeclarations.isOwn(method)
                ? AccessDeclarations.of(method) : Optional.empty();
    }

    /**
     * A browser that has cached Basic credentials for the ledger attaches them to any request a page
     * on another site makes, and a form post needs no JSON body to close a period or start a rebuild.
     * The ledger is an API for programs, not a site: a write that a browser marks as coming from
     * another site, or whose Origin is not the ledger itself, is refused.
     */
    private static void refuseCrossSiteWrites(HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        boolean crossSite = site != null && (site.equals("cross-site") || site.equals("same-site"));
        String origin = request.getHeader("Origin");
        String self = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        boolean foreignOrigin = origin != null && !origin.equals(self)
                && !origin.equals(request.getScheme() + "://" + request.getServerName());
        if (crossSite || foreignOrigin) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden",
                    "Writes from a web page of another site are refused.", List.of());
        }
    }
}
