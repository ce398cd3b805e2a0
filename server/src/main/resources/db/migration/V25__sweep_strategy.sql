-- Sweeps of a saved strategy (issue 7: the out-of-sample result of a sweep's winners is ranked for that strategy).
-- strategy_id/strategy_version: the strategy and the version whose spec the sweep varied (null: an ad-hoc spec).
ALTER TABLE sweeps ADD COLUMN strategy_id UUID;
ALTER TABLE sweeps ADD COLUMN strategy_version INTEGER;

-- The chained out-of-sample equity of the walk-forward winners as JSON [[date, value], ...] (null: none; see
-- docs/backtests-api.md), written with the summary when the sweep completes.
ALTER TABLE sweeps ADD COLUMN oos_equity TEXT;

CREATE INDEX ix_sweeps_strategy ON sweeps (strategy_id);
