package io.stocklab.engine.result;

/** Return of one calendar month ({@code yyyy-MM}): equity at the month's last trading day ÷ the previous month's (or E_0) − 1, in %. */
public record MonthlyReturn(String month, double returnPct) {
}
