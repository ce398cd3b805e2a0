package io.stocklab.engine.spec;

import java.util.List;
import java.util.Objects;

/**
 * A validated strategy spec (see docs/strategy-spec.md). Every field holds its effective value: omitted
 * fields have been replaced by their defaults, so the spec echoed in a result says exactly what ran.
 * Build one from JSON with {@link SpecReader}.
 */
public record StrategySpec(String name, String dataset, Universe universe, Rebalance rebalance, Buy buy, Sell sell,
                           Execution execution, Period period, double initialCapital, String benchmark,
                           double riskFreeRatePct) {
    public static final double DEFAULT_CAPITAL = 100_000_000d;

    public StrategySpec {
        Objects.requireNonNull(universe, "universe");
        Objects.requireNonNull(rebalance, "rebalance");
        Objects.requireNonNull(buy, "buy");
        Objects.requireNonNull(sell, "sell");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(period, "period");
        if (!(initialCapital > 0) || Double.isInfinite(initialCapital)) {
            throw new IllegalArgumentException("initialCapital must be a positive number, got " + initialCapital);
        }
        if (!Double.isFinite(riskFreeRatePct) || riskFreeRatePct <= -100) {
            throw new IllegalArgumentException("riskFreeRatePct must be > -100, got " + riskFreeRatePct);
        }
        if (name == null || name.isBlank()) name = "Untitled strategy";
    }

    /** Which assets may be bought. Null lists mean "no restriction". */
    public record Universe(List<String> symbols, List<String> markets, List<String> sectors, List<String> exclude,
                           String filter) {
        public static final Universe ALL = new Universe(null, null, null, null, null);

        public Universe {
            symbols = symbols == null ? null : List.copyOf(symbols);
            markets = markets == null ? null : List.copyOf(markets);
            sectors = sectors == null ? null : List.copyOf(sectors);
            exclude = exclude == null ? null : List.copyOf(exclude);
            if (filter != null && filter.isBlank()) filter = null;
        }
    }

    public record Buy(String when, List<RankKey> rank, int maxPositions, Sizing sizing) {
        public Buy {
            rank = rank == null ? List.of() : List.copyOf(rank);
            if (maxPositions < 1) throw new IllegalArgumentException("maxPositions must be >= 1, got " + maxPositions);
            Objects.requireNonNull(sizing, "sizing");
            if (when != null && when.isBlank()) when = null;
        }
    }

    /** One ranking key: a factor id or a numeric expression, its direction and weight. */
    public record RankKey(String by, Order order, double weight) {
        public RankKey {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(order, "order");
            if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("rank weight must be > 0, got " + weight);
        }
    }

    public record Sizing(SizingMethod method, boolean rebalanceToTarget) {
        public Sizing {
            Objects.requireNonNull(method, "method");
        }
    }

    public record Sell(String when, Double takeProfitPct, Double stopLossPct, Double trailingStopPct, Integer maxHoldDays,
                       StopMode stopMode, boolean dropUnselected) {
        public Sell {
            Objects.requireNonNull(stopMode, "stopMode");
            if (when != null && when.isBlank()) when = null;
            if (takeProfitPct != null && !(takeProfitPct > 0)) throw new IllegalArgumentException("takeProfitPct must be > 0");
            if (stopLossPct != null && !(stopLossPct > 0 && stopLossPct < 100)) throw new IllegalArgumentException("stopLossPct must be in (0, 100)");
            if (trailingStopPct != null && !(trailingStopPct > 0 && trailingStopPct < 100)) throw new IllegalArgumentException("trailingStopPct must be in (0, 100)");
            if (maxHoldDays != null && maxHoldDays < 1) throw new IllegalArgumentException("maxHoldDays must be >= 1");
        }
    }

    public record Execution(Fill fill, double commissionPct, double sellTaxPct, double slippagePct,
                            boolean fractionalShares, MarketRules marketRules) {
        public Execution {
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(marketRules, "marketRules");
            for (double p : new double[] {commissionPct, sellTaxPct, slippagePct}) {
                if (!(p >= 0 && p < 100)) throw new IllegalArgumentException("cost percentages must be in [0, 100), got " + p);
            }
        }
    }

    /** Inclusive period; null ends mean "from the first" / "to the last" date of the data. */
    public record Period(java.time.LocalDate start, java.time.LocalDate end) {
        public static final Period ALL = new Period(null, null);

        public Period {
            if (start != null && end != null && end.isBefore(start)) {
                throw new IllegalArgumentException("period end " + end + " is before start " + start);
            }
        }
    }
}
