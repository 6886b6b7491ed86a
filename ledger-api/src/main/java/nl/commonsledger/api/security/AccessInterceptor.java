package nl.commonsledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
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
        policy.authorize(currentUser.require(), request.getMethod(), request.getRequestURI());
        return true;
    }
}
