package io.stocklab.server.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings ({@code stocklab.accounts.*}).
 *
 * @param adminEmails accounts with these emails are admins ({@code STOCKLAB_ADMIN_EMAILS}, comma separated)
 * @param firstUserAdmin the first account registered on an empty database becomes admin (local profile)
 * @param maxFailuresPerAccount failed logins allowed per account within {@code failureWindow}
 * @param maxFailuresPerIp failed logins allowed per client IP within {@code failureWindow}
 */
@ConfigurationProperties("stocklab.accounts")
record AccountProperties(@DefaultValue List<String> adminEmails,
                         @DefaultValue("false") boolean firstUserAdmin,
                         @DefaultValue("5") int maxFailuresPerAccount,
                         @DefaultValue("20") int maxFailuresPerIp,
                         @DefaultValue("15m") Duration failureWindow) {

    Set<String> normalizedAdminEmails() {
        return adminEmails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
