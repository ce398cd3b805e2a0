-- Rankings of sweeps' out-of-sample results (issue 7, the 'oos' period): one row per completed walk-forward sweep of
-- a strategy whose chained out-of-sample curve is eligible (docs/rankings.md), with the curve's metrics. Written from
-- SweepFinished/SweepDeleted events; which sweep a board shows (the strategy's latest) is decided when boards are built.
CREATE TABLE ranking_sweeps (
    sweep_id         UUID         NOT NULL PRIMARY KEY,
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
    finished_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_ranking_sweeps_strategy ON ranking_sweeps (strategy_id);
