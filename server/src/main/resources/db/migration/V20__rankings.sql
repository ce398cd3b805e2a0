-- Rankings (issue 7): the source of truth of the leaderboards (Redis sorted sets in prod are rebuilt from these).
-- Strategies as the rankings know them (kept up to date from StrategyChanged events and StrategyService.sharing).
CREATE TABLE ranking_strategies (
    strategy_id UUID         NOT NULL PRIMARY KEY,
    owner_id    UUID         NOT NULL,
    name        VARCHAR(200) NOT NULL,
    is_public   BOOLEAN      NOT NULL,
    anonymous   BOOLEAN      NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per completed backtest of a strategy and ranking period it is eligible for (docs/rankings.md), with the
-- metrics over that period's window. Which run a board shows is decided when the boards are built.
CREATE TABLE ranking_runs (
    backtest_id      UUID         NOT NULL,
    period           VARCHAR(8)   NOT NULL,
    strategy_id      UUID         NOT NULL,
    owner_id         UUID         NOT NULL,
    dataset_id       VARCHAR(100) NOT NULL,
    data_version     VARCHAR(200) NOT NULL,
    market           VARCHAR(32)  NOT NULL,
    window_start     DATE         NOT NULL,
    window_end       DATE         NOT NULL,
    total_return_pct DOUBLE PRECISION NOT NULL,
    cagr_pct         DOUBLE PRECISION NOT NULL,
    sharpe           DOUBLE PRECISION,
    calmar           DOUBLE PRECISION,
    max_drawdown_pct DOUBLE PRECISION NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ranking_runs PRIMARY KEY (backtest_id, period),
    CONSTRAINT ck_ranking_runs_period CHECK (period IN ('1y', '3y', '5y', 'all'))
);

CREATE INDEX ix_ranking_runs_strategy ON ranking_runs (strategy_id);

-- A single row: the build generation of the boards (Redis keys carry it; a missing marker means Redis lost them).
-- Every writer of the boards locks this row, so incremental updates and rebuilds of several instances never race.
CREATE TABLE ranking_state (
    id         INTEGER NOT NULL PRIMARY KEY,
    generation BIGINT  NOT NULL
);

INSERT INTO ranking_state (id, generation) VALUES (1, 0);
