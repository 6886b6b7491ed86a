package nl.commonsledger.api.security;

import jakarta.servlet.http.HttpServletResponse;
import nl.commonsledger.api.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Who may call at all. HTTP Basic against the user table is always on; bearer JWTs are accepted too
 * when a key is configured (spring.security.oauth2.resourceserver.jwt.*, see docs/security.md).
 * What each user may do in which project is decided per request by {@link AccessPolicy}.
 */
@Configuration
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    static final String REALM = "Commons Ledger";

    /**
     * BCrypt at cost 10 by default (about 50 ms a check on a build machine core). Tests lower it with
     * {@code ledger.security.bcrypt-strength}; production should not.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${ledger.security.bcrypt-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    /**
     * Passwords are checked against the user table with BCrypt, and a verified password is
     * remembered for a minute so that HTTP Basic does not pay for BCrypt on every request.
     */
    @Bean
    AuthenticationProvider passwordSignIn(LedgerUserDetailsService users, PasswordEncoder passwords, Clock clock,
                                          SignInThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwords);
        return throttle.guard(new VerifiedCredentials(dao, clock, Duration.ofMinutes(1)));
    }

    /** 401, or 429 with Retry-After when the throttle refused the sign-in unchecked. */
    private static void notAuthenticated(HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof SignInThrottle.Paused paused) {
            response.setHeader("Retry-After", String.valueOf(paused.retryAfterSeconds()));
            ProblemResponses.write(response, 429, "too-many-sign-in-attempts", "Too many sign-in attempts",
                    paused.getMessage());
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        ProblemResponses.write(response, 401, "not-authenticated", "Not authenticated",
                "Sign in with HTTP Basic or a bearer token.");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt,
                            @Value("${spring.security.oauth2.resourceserver.jwt.audiences:}") String audiences,
                            @Value("${ledger.security.jwt.issuer:}") String issuer)
            throws Exception {
        http.csrf(csrf -> csrf.disable()) // no cookies, no sessions: every request carries its credentials
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(REALM)
                        .authenticationEntryPoint((request, response, e) -> notAuthenticated(response, e))
                        .withObjectPostProcessor(new ObjectPostProcessor<BasicAuthenticationFilter>() {
                            @Override
                            public <O extends BasicAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationConverter(new StrictBasicCredentials());
                                return filter;
                            }
                        }))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> notAuthenticated(response, e))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response, 403,
                                "forbidden", "Forbidden", "You may not do this.")));
        if (jwt.getIfAvailable() != null) {
            if (audiences.isBlank() || issuer.isBlank()) {
                // Tokens are then accepted whichever service or issuer they name; see docs/security.md.
                log.warn("Bearer tokens are accepted without an audience or issuer check: set "
                        + "spring.security.oauth2.resourceserver.jwt.audiences and ledger.security.jwt.issuer.");
            }
            http.oauth2ResourceServer(rs -> rs
                    .jwt(j -> j.jwtAuthenticationConverter(new JwtUsers()))
                    .authenticationEntryPoint((request, response, e) -> {
                        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                        ProblemResponses.write(response, 401, "not-authenticated", "Not authenticated",
                                "The bearer token is not valid (expired, not signed by a trusted key, not for this"
                                        + " service, or without a valid user).");
                    }));
        }
        return http.build();
    }
}
