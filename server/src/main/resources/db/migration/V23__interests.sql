-- My interests (issue 7): watchlist, recently viewed symbols, followed strategies.
-- Portable SQL: PostgreSQL 15+ and H2 (local profile). No foreign keys into other features' tables: the user and
-- strategy ids are references by value (follows of a deleted strategy are removed by the interest feature itself).
CREATE TABLE watchlist_items (
    user_id     UUID        NOT NULL,
    dataset_id  VARCHAR(64) NOT NULL,
    symbol      VARCHAR(32) NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_watchlist_items PRIMARY KEY (user_id, dataset_id, symbol)
);

CREATE INDEX ix_watchlist_items_user ON watchlist_items (user_id, added_at);

CREATE TABLE recent_symbols (
    user_id     UUID        NOT NULL,
    dataset_id  VARCHAR(64) NOT NULL,
    symbol      VARCHAR(32) NOT NULL,
    viewed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_recent_symbols PRIMARY KEY (user_id, dataset_id, symbol)
);

CREATE INDEX ix_recent_symbols_user ON recent_symbols (user_id, viewed_at);

CREATE TABLE strategy_follows (
    user_id      UUID NOT NULL,
    strategy_id  UUID NOT NULL,
    followed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_strategy_follows PRIMARY KEY (user_id, strategy_id)
);

CREATE INDEX ix_strategy_follows_strategy ON strategy_follows (strategy_id);
