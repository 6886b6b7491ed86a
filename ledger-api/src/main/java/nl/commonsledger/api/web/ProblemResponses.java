package nl.commonsledger.api.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * RFC 9457 bodies for refusals made outside Spring MVC (security filters, the body limit, the web
 * server's own errors), before or without any controller: always {@code application/problem+json}
 * in UTF-8. The detail is the service's own sentence, never text from the request.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, code, title, detail));
    }

    public static String json(int status, String code, String title, String detail) {
        return "{\"type\":\"/problems/" + code + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
