package io.stocklab.engine.result;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One fill.
 *
 * @param price      fill price per share (after slippage and tick rounding)
 * @param commission commission paid on this fill
 * @param tax        sell tax paid (0 for buys)
 * @param pnl        for sells: proceeds after costs − quantity × average cost; null for buys
 * @param reason     why: {@code entry}, {@code resize}, {@code stop_loss}, {@code take_profit}, {@code trailing_stop},
 *                   {@code max_hold}, {@code sell_when}, {@code rebalance}, {@code delisted}
 * @param holdDays   for sells that close a position: trading days held; else null
 */
public record Trade(LocalDate date, String symbol, Side side, double qty, double price, double commission, double tax,
                    Double pnl, String reason, Integer holdDays) {
    public Trade {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        if (!(qty > 0)) throw new IllegalArgumentException("trade quantity must be > 0, got " + qty);
        if (!(price > 0)) throw new IllegalArgumentException("trade price must be > 0, got " + price);
        if (commission < 0 || tax < 0) throw new IllegalArgumentException("costs must be >= 0");
    }
}
