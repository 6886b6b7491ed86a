package nl.commonsledger.api.projection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Every answer about a parked project says so: {@value #HEADER}{@code : parked} tells a client that
 * the project's figures are those from before an event the projection could not handle, not wrong
 * but behind, until an administrator retries it.
 */
@Component
public class ParkedProjectHeader implements HandlerInterceptor, WebMvcConfigurer {

    public static final String HEADER = "Ledger-Figures";

    private final ParkedProjects parked;

    public ParkedProjectHeader(ParkedProjects parked) {
        this.parked = parked;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/projects/*", "/api/projects/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String projectId = variables == null ? null : variables.get("projectId");
        if (projectId != null && parked.isParked(projectId)) {
            response.setHeader(HEADER, "parked; figures are behind the project's events");
        }
        return true;
    }
}
