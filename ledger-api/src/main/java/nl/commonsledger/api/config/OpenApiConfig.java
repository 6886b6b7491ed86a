package nl.commonsledger.api.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What {@code /v3/api-docs} and {@code /swagger-ui.html} say about the service as a whole. */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Commons Ledger")
                        .version("v1")
                        .description("""
                                Contributions (money, hours, code) of the members of co-owned open-source projects, \
                                recorded as immutable events, with every member's fair share and balance.

                                Money and hours travel as strings with fixed decimals ("1250.00", "37.50"). \
                                Every POST and PUT accepts an Idempotency-Key header: a retry with the same key and \
                                body books nothing twice. Refusals are RFC 9457 problems (application/problem+json). \
                                Sign in with HTTP Basic, or a bearer JWT where configured.""")
                        .license(new License().name("EUPL-1.2")
                                .url("https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
