package io.stocklab.server.account;

import io.stocklab.server.platform.security.AccountStatusLookup;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Gives the security layer the live state of an account. */
@Component
class AccountStatusAdapter implements AccountStatusLookup {
    private final UserRepository users;

    AccountStatusAdapter(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<AccountStatus> find(UUID userId) {
        return users.findById(userId)
                .map(u -> new AccountStatus(u.id(), u.role(), u.plan(), u.disabled(), u.tokenVersion()));
    }
}
