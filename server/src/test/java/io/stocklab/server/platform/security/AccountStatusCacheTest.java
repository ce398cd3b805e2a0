package io.stocklab.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.platform.quota.Plan;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.conversion.MutableAggregateChange;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.event.AfterDeleteEvent;
import org.springframework.data.relational.core.mapping.event.AfterSaveEvent;
import org.springframework.data.relational.core.mapping.event.Identifier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The in-process account state: remembered for the TTL, forgotten at once when this node changes the account. */
class AccountStatusCacheTest {
    record Account(@Id UUID id, boolean disabled) {
    }

    final Map<UUID, AccountStatusLookup.AccountStatus> db = new ConcurrentHashMap<>();
    final AtomicInteger queries = new AtomicInteger();
    final AccountStatusLookup lookup = id -> {
        queries.incrementAndGet();
        return Optional.ofNullable(db.get(id));
    };
    final UUID id = UUID.randomUUID();

    AccountStatusLookup.AccountStatus status(boolean disabled, int version) {
        return new AccountStatusLookup.AccountStatus(id, Role.USER, Plan.FREE, disabled, version);
    }

    AccountStatusCache cache(Duration ttl) {
        // as the application's: UUID is a simple (column) type
        JdbcMappingContext mapping = new JdbcMappingContext();
        mapping.setSimpleTypeHolder(new JdbcCustomConversions().getSimpleTypeHolder());
        return new AccountStatusCache(lookup, mapping, ttl);
    }

    @Test
    void answersFromMemoryWithinTheTtl() throws Exception {
        db.put(id, status(false, 0));
        AccountStatusCache cache = cache(Duration.ofMillis(300));
        for (int i = 0; i < 100; i++) assertThat(cache.find(id)).contains(status(false, 0));
        assertThat(queries).hasValue(1);
        // changed behind its back (another node): seen once the entry expired
        db.put(id, status(true, 1));
        assertThat(cache.find(id).orElseThrow().disabled()).isFalse();
        Thread.sleep(400);
        assertThat(cache.find(id).orElseThrow().disabled()).isTrue();
        assertThat(queries).hasValue(2);
    }

    @Test
    void aSaveOrDeleteOnThisNodeEvictsAtOnce() {
        db.put(id, status(false, 0));
        AccountStatusCache cache = cache(Duration.ofHours(1));
        cache.find(id);
        db.put(id, status(true, 1));
        cache.saved(new AfterSaveEvent<>(new Account(id, true), MutableAggregateChange.forSave(new Account(id, true))));
        assertThat(cache.find(id).orElseThrow().disabled()).isTrue();
        // another entity's save leaves this one cached
        cache.saved(new AfterSaveEvent<>(new Account(UUID.randomUUID(), false), MutableAggregateChange.forSave(new Account(UUID.randomUUID(), false))));
        int before = queries.get();
        cache.find(id);
        assertThat(queries).hasValue(before);

        db.remove(id);
        cache.deleted(new AfterDeleteEvent<>(Identifier.of(id), null, MutableAggregateChange.forDelete(Account.class)));
        assertThat(cache.find(id)).isEmpty();
    }

    @Test
    void evictsAgainWhenTheTransactionCompletes() {
        db.put(id, status(false, 0));
        AccountStatusCache cache = cache(Duration.ofHours(1));
        TransactionSynchronizationManager.initSynchronization();
        try {
            cache.saved(new AfterSaveEvent<>(new Account(id, true), MutableAggregateChange.forSave(new Account(id, true))));
            // a request between the save and the commit still reads the committed (old) row and caches it
            assertThat(cache.find(id).orElseThrow().disabled()).isFalse();
            db.put(id, status(true, 1));
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
            }
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(cache.find(id).orElseThrow().disabled()).isTrue();
    }

    @Test
    void aZeroTtlAsksEveryTime() {
        db.put(id, status(false, 0));
        AccountStatusCache cache = cache(Duration.ZERO);
        cache.find(id);
        cache.find(id);
        assertThat(queries).hasValue(2);
    }
}
