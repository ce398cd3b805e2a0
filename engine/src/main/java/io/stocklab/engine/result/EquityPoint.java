package io.stocklab.engine.result;

import java.time.LocalDate;

/** Portfolio state at one trading day's close. {@code benchmark} is the benchmark scaled to start at E_0 (null if none). */
public record EquityPoint(LocalDate date, double equity, double cash, double invested, double drawdownPct, Double benchmark) {
}
