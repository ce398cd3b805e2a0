package io.stocklab.server.platform.security;

import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a signature- and time-checked access token into the request's authentication, after checking the account
 * behind it right now: it must exist, not be disabled, and the token must belong to the current session
 * generation. Roles and plan come from the account store (through {@link AccountStatusCache}: at once on the node
 * that made a change, within a few seconds on the others).
 */
final class AccessTokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {
    private final AccountStatusCache accounts;

    AccessTokenAuthenticationConverter(AccountStatusCache accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
        Object version = jwt.getClaims().get(AccessTokenService.VERSION_CLAIM);
        if (!(version instanceof Number tokenVersion)) {
            throw invalid();
        }
        var status = accounts.find(userId).orElseThrow(AccessTokenAuthenticationConverter::invalid);
        if (status.disabled() || status.tokenVersion() != tokenVersion.intValue()) {
            throw invalid();
        }
        var user = new CurrentUser(userId, status.role(), status.plan(), jwt.getId(), jwt.getExpiresAt());
        return new CurrentUserAuthentication(user, jwt);
    }

    private static InvalidBearerTokenException invalid() {
        return new InvalidBearerTokenException("The access token is no longer valid");
    }
}
