package io.stocklab.engine.backtest;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Side;
import io.stocklab.engine.result.Trade;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;

import java.time.LocalDate;
import java.util.List;

/** Runs specs written as JSON on hand-built panels, with an empty factor library (bar fields only). */
final class Sim {
    static final FactorLibrary LIBRARY = new FactorLibrary(List.of());

    private Sim() {
    }

    static StrategySpec spec(String json) {
        return SpecReader.read(json, LIBRARY);
    }

    static BacktestResult run(MarketPanel panel, String json) {
        return new Backtester(panel, LIBRARY).run(spec(json));
    }

    static List<Trade> buys(BacktestResult r) {
        return r.trades().stream().filter(t -> t.side() == Side.BUY).toList();
    }

    static List<Trade> sells(BacktestResult r) {
        return r.trades().stream().filter(t -> t.side() == Side.SELL).toList();
    }

    static List<Trade> on(BacktestResult r, String isoDate) {
        LocalDate d = LocalDate.parse(isoDate);
        return r.trades().stream().filter(t -> t.date().equals(d)).toList();
    }

    static Trade only(List<Trade> trades) {
        if (trades.size() != 1) throw new AssertionError("expected exactly one trade, got " + trades);
        return trades.get(0);
    }

    /** The warnings joined, for contains-checks. */
    static String warnings(BacktestResult r) {
        return String.join("\n", r.warnings());
    }
}
