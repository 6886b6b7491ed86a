package nl.commonsledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;
import nl.commonsledger.api.web.ApiProblem;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Applies {@link AccessPolicy} to every request under /api, before any controller runs. */
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
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        refuseCrossSiteWrites(request);
        policy.authorize(currentUser.require(), request.getMethod(), request.getRequestURI());
        return true;
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
