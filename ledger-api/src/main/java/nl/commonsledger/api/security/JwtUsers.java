package nl.commonsledger.api.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens: the claims of a JWT mapped to a {@link LedgerUser}. The user is
 * {@code preferred_username} (else {@code sub}); {@code roles} lists FINANCE, BOARD, AUDITOR or ADMIN
 * (unknown values are ignored); {@code organisation} and {@code projects} as for a stored user.
 */
public class JwtUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        // The claims were checked by JwtClaims when the token was decoded.
        String username = JwtClaims.username(jwt);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList("roles");
        if (claimed != null) {
            for (String r : claimed) {
                for (Role role : Role.values()) {
                    if (role.name().equals(r)) {
                        roles.add(role);
                    }
                }
            }
        }
        List<String> projects = jwt.getClaimAsStringList("projects");
        LedgerUser user = new LedgerUser(username, roles, jwt.getClaimAsString("organisation"),
                projects == null ? Set.of() : new HashSet<>(projects));
        return new UsernamePasswordAuthenticationToken(user, jwt,
                roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
    }
}
