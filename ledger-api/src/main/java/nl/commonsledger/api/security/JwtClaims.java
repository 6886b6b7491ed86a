package nl.commonsledger.api.security;

import nl.commonsledger.api.web.RequestValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a bearer token must hold before {@link JwtUsers} maps it to a user. Spring Boot builds the
 * decoder (signature, {@code nbf}, {@code exp} when present, and {@code aud} from
 * {@code spring.security.oauth2.resourceserver.jwt.audiences}) and adds every validator bean, so the
 * ledger's own rules live here: {@code exp} is required, {@code iss} must be
 * {@code ledger.security.jwt.issuer} when that is set, and the claims that become the user (name,
 * organisation, projects, roles) follow the same rules as {@code POST /api/users}. A token that breaks
 * any of them is 401, like one with a bad signature.
 */
@Configuration
public class JwtClaims {

    @Bean
    OAuth2TokenValidator<Jwt> ledgerJwtRules(@Value("${ledger.security.jwt.issuer:}") String issuer) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        rules.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
        if (!issuer.isBlank()) {
            rules.add(new JwtIssuerValidator(issuer));
        }
        rules.add(JwtClaims::userClaims);
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    /** The user name claim: {@code preferred_username}, else {@code sub}. */
    static String username(Jwt jwt) {
        Object name = jwt.getClaims().get("preferred_username");
        return name != null ? name.toString() : jwt.getSubject();
    }

    private static OAuth2TokenValidatorResult userClaims(Jwt jwt) {
        Object name = jwt.getClaims().getOrDefault("preferred_username", jwt.getClaims().get(JwtClaimNames.SUB));
        if (!(name instanceof String s) || !LedgerUser.validUsername(s)) {
            return invalid("The token's user (preferred_username or sub) is missing or not a valid user name.");
        }
        Object organisation = jwt.getClaims().get("organisation");
        if (organisation != null && !(organisation instanceof String o && RequestValues.isSlug(o))) {
            return invalid("The token's organisation is not a member id.");
        }
        if (!stringList(jwt.getClaims().get("roles"), false) || !stringList(jwt.getClaims().get("projects"), true)) {
            return invalid("The token's roles or projects are not lists of names.");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static boolean stringList(Object claim, boolean slugs) {
        if (claim == null) {
            return true;
        }
        if (!(claim instanceof List<?> list)) {
            return false;
        }
        return list.stream().allMatch(v -> v instanceof String s && (!slugs || RequestValues.isSlug(s)));
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
