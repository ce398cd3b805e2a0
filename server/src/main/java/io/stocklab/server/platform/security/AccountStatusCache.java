package io.stocklab.server.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.event.RelationalDeleteEvent;
import org.springframework.data.relational.core.mapping.event.RelationalSaveEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account state the security layer checks on every authenticated request, kept in this process for a short
 * time ({@code stocklab.security.account-status-cache-ttl}, default 5 s; 0 turns the cache off) instead of one
 * database query per request.
 *
 * <p>Every change of an account saved or deleted through Spring Data JDBC on this node (disable, role or plan
 * change, password change, deletion) evicts that account at once and again when its transaction commits, so on this
 * node it applies to the very next request. Another node notices it when its entry expires: a disabled account is
 * locked out of the whole cluster within the TTL (5 s by default).
 */
@Component
class AccountStatusCache {
    private final AccountStatusLookup lookup;
    private final RelationalMappingContext mapping;
    private final Cache<UUID, Optional<AccountStatusLookup.AccountStatus>> cache;

    AccountStatusCache(AccountStatusLookup lookup, RelationalMappingContext mapping,
                       @Value("${stocklab.security.account-status-cache-ttl:5s}") Duration ttl) {
        this.lookup = lookup;
        this.mapping = mapping;
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    Optional<AccountStatusLookup.AccountStatus> find(UUID userId) {
        return cache == null ? lookup.find(userId) : cache.get(userId, lookup::find);
    }

    void evict(UUID userId) {
        if (cache != null) cache.invalidate(userId);
    }

    @EventListener
    void saved(RelationalSaveEvent<?> event) {
        Object entity = event.getEntity();
        if (entity == null) return;
        Object id;
        try {
            PersistentEntity<?, ?> type = mapping.getPersistentEntity(entity.getClass());
            id = type == null ? null : type.getIdentifierAccessor(entity).getIdentifier();
        } catch (RuntimeException e) {
            // never fail the save: forget everything instead
            if (cache != null) cache.invalidateAll();
            return;
        }
        if (id instanceof UUID uuid) changed(uuid);
    }

    @EventListener
    void deleted(RelationalDeleteEvent<?> event) {
        if (event.getId() != null && event.getId().getValue() instanceof UUID id) changed(id);
    }

    /** Evicts now, and again after the commit (a request in between may have re-read the old, committed row). */
    private void changed(UUID id) {
        evict(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(id);
                }
            });
        }
    }
}
