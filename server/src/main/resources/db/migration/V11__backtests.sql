-- Backtest jobs and their results (issue 5; strategy-spec §5). Results are written once, in the transaction
-- that marks the job COMPLETED; the primary keys make a second write impossible.
CREATE TABLE backtests (
    id               UUID         NOT NULL PRIMARY KEY,
    owner_id         UUID         NOT NULL,
    strategy_id      UUID,
    strategy_version INTEGER,
    name             VARCHAR(200) NOT NULL,
    spec             TEXT         NOT NULL,
    dataset_id       VARCHAR(100) NOT NULL,
    data_version     VARCHAR(200) NOT NULL,
    engine_version   VARCHAR(50)  NOT NULL,
    config_hash      VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    cached           BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    heartbeat_at     TIMESTAMP WITH TIME ZONE,
    duration_ms      BIGINT,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    run_token        VARCHAR(64),
    worker           VARCHAR(200),
    cancel_requested BOOLEAN      NOT NULL DEFAULT FALSE,
    error            VARCHAR(4000),
    total_return_pct DOUBLE PRECISION,
    cagr_pct         DOUBLE PRECISION,
    sharpe           DOUBLE PRECISION,
    max_drawdown_pct DOUBLE PRECISION,
    stats            TEXT,
    warnings         TEXT,
    CONSTRAINT ck_backtests_status CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'))
);

CREATE INDEX ix_backtests_owner_created ON backtests (owner_id, created_at);
CREATE INDEX ix_backtests_status ON backtests (status, created_at);
CREATE INDEX ix_backtests_config_hash ON backtests (config_hash, status);
CREATE INDEX ix_backtests_strategy ON backtests (strategy_id);

CREATE TABLE backtest_equity (
    backtest_id  UUID    NOT NULL,
    on_date      DATE    NOT NULL,
    equity       DOUBLE PRECISION NOT NULL,
    cash         DOUBLE PRECISION NOT NULL,
    invested     DOUBLE PRECISION NOT NULL,
    drawdown_pct DOUBLE PRECISION NOT NULL,
    benchmark    DOUBLE PRECISION,
    CONSTRAINT pk_backtest_equity PRIMARY KEY (backtest_id, on_date),
    CONSTRAINT fk_backtest_equity FOREIGN KEY (backtest_id) REFERENCES backtests (id) ON DELETE CASCADE
);

CREATE TABLE backtest_trades (
    backtest_id UUID        NOT NULL,
    seq         INTEGER     NOT NULL,
    on_date     DATE        NOT NULL,
    symbol      VARCHAR(64) NOT NULL,
    side        VARCHAR(8)  NOT NULL,
    qty         DOUBLE PRECISION NOT NULL,
    price       DOUBLE PRECISION NOT NULL,
    commission  DOUBLE PRECISION NOT NULL,
    tax         DOUBLE PRECISION NOT NULL,
    pnl         DOUBLE PRECISION,
    reason      VARCHAR(32),
    hold_days   INTEGER,
    CONSTRAINT pk_backtest_trades PRIMARY KEY (backtest_id, seq),
    CONSTRAINT fk_backtest_trades FOREIGN KEY (backtest_id) REFERENCES backtests (id) ON DELETE CASCADE
);

CREATE TABLE backtest_monthly (
    backtest_id UUID       NOT NULL,
    period_month VARCHAR(7) NOT NULL,
    return_pct  DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_backtest_monthly PRIMARY KEY (backtest_id, period_month),
    CONSTRAINT fk_backtest_monthly FOREIGN KEY (backtest_id) REFERENCES backtests (id) ON DELETE CASCADE
);
