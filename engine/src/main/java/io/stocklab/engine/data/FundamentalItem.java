package io.stocklab.engine.data;

import java.util.Locale;

/**
 * Statement items of a quarterly report. Flow items ({@link #flow()} true) are the quarter's own amount
 * (three months, not year-to-date); the factor library sums the last four quarters for trailing-twelve-month
 * (TTM) figures. Stock items are balances at the period end. Amounts are in the asset's currency;
 * {@link #SHARES_OUTSTANDING} is a share count.
 */
public enum FundamentalItem {
    REVENUE(true),
    GROSS_PROFIT(true),
    OPERATING_INCOME(true),
    NET_INCOME(true),
    INTEREST_EXPENSE(true),
    DEPRECIATION(true),
    OPERATING_CASH_FLOW(true),
    CAPEX(true),
    DIVIDENDS(true),
    TOTAL_ASSETS(false),
    TOTAL_LIABILITIES(false),
    EQUITY(false),
    CURRENT_ASSETS(false),
    CURRENT_LIABILITIES(false),
    CASH(false),
    SHARES_OUTSTANDING(false);

    private final boolean flow;

    FundamentalItem(boolean flow) {
        this.flow = flow;
    }

    /** True for income / cash-flow items (summed over periods), false for balance-sheet items. */
    public boolean flow() {
        return flow;
    }

    /** The lower snake case column name used in files, e.g. {@code operating_income}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FundamentalItem fromColumn(String column) {
        for (FundamentalItem item : values()) {
            if (item.column().equalsIgnoreCase(column.trim())) return item;
        }
        return null;
    }
}
