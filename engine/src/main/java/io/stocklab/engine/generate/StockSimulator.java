package io.stocklab.engine.generate;

import io.stocklab.engine.data.FundamentalItem;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Simulates one stock: its company (quarterly statements) and its daily bars, from its own random stream.
 * Writes the bars straight into the panel's arrays (its own contiguous slice) and returns everything else.
 *
 * <p>Prices: the log price is {@code L = X + F}, where {@code F} is the stock's exposure to the common factors
 * (beta × market + loading × sector + loading × KOSDAQ factor, cumulated) and {@code X} its own part. {@code X}
 * moves by an idiosyncratic GARCH(1,1) Student-t shock, rare jumps, and a drift: the growth the market expects
 * from the last disclosed statements, a pull towards the company's fair value (so cheap stocks tend to rise),
 * and small quality and growth premia. Part of each quarter's idiosyncratic move turns out to be news about the
 * business: it shifts the next quarter's revenue (prices lead fundamentals). The observed close follows
 * {@code exp(L)} within the KRX ±30 % limit, on the tick grid.
 */
final class StockSimulator {
    static final int ITEMS = FundamentalItem.values().length;
    private static final int REV = FundamentalItem.REVENUE.ordinal(), GROSS = FundamentalItem.GROSS_PROFIT.ordinal(),
            OP = FundamentalItem.OPERATING_INCOME.ordinal(), NI = FundamentalItem.NET_INCOME.ordinal(),
            INTEREST = FundamentalItem.INTEREST_EXPENSE.ordinal(), DEP = FundamentalItem.DEPRECIATION.ordinal(),
            OCF = FundamentalItem.OPERATING_CASH_FLOW.ordinal(), CAPEX = FundamentalItem.CAPEX.ordinal(),
            DIV = FundamentalItem.DIVIDENDS.ordinal(), ASSETS = FundamentalItem.TOTAL_ASSETS.ordinal(),
            LIAB = FundamentalItem.TOTAL_LIABILITIES.ordinal(), EQUITY = FundamentalItem.EQUITY.ordinal(),
            CA = FundamentalItem.CURRENT_ASSETS.ordinal(), CL = FundamentalItem.CURRENT_LIABILITIES.ordinal(),
            CASH = FundamentalItem.CASH.ordinal(), SHARES = FundamentalItem.SHARES_OUTSTANDING.ordinal();

    static final double Y = MarketContext.DAYS_PER_YEAR;

    // ---- model parameters (annual unless said otherwise); see docs/synthetic-data.md ----
    /** Speed at which a price converges to fair value (per year). */
    static final double KAPPA = 0.12;
    /** Extra annual drift per unit of quality z-score (ROE) and growth z-score (revenue growth). */
    static final double QUALITY_PREMIUM = 0.005, GROWTH_PREMIUM = 0.01;
    /** Share of a quarter's idiosyncratic log move that shows up in the next quarter's revenue. */
    static final double NEWS_TO_REVENUE = 0.7;
    /** How much above-sector growth raises fair value (log per unit of growth difference). */
    static final double FV_GROWTH_MULTIPLE = 1.0;
    /** Scale of all sector valuation multiples (sets the market's overall valuation level). */
    static final double VALUATION_LEVEL = 1.25;
    /** Mean and dispersion of the log gap between fair value and price at listing (the gap's long-run level). */
    static final double INITIAL_GAP_MEAN = 0.05, INITIAL_GAP_SD = 0.35;
    /** Dispersion of company-specific valuation premia (brand, governance…), static and slowly wandering. */
    static final double MULTIPLE_PREMIUM_SD = 0.35, PREMIUM_WANDER_SD = 0.04;
    static final double IDIO_GARCH_ALPHA = 0.07, IDIO_GARCH_BETA = 0.90;
    static final double JUMP_SIZE = 0.09;
    /** Standardized shocks are cut at ±8 and conditional variances at 6 × their long-run level (2.4 × the volatility). */
    static final double MAX_SHOCK = 8, MAX_VARIANCE_MULTIPLE = 6;
    static final double HALT_PROBABILITY_PER_YEAR = 0.03;
    static final double TAX_RATE = 0.22;
    static final double INTEREST_RATE = 0.045, INTEREST_BEARING_SHARE = 0.45;
    static final double LIQUIDATION_DRIFT = -0.35;

    /** Distress delisting hazards per disclosure (quarter). */
    static final double BASE_HAZARD_KOSPI = 0.0002, BASE_HAZARD_KOSDAQ = 0.0005;
    static final double HAZARD_NEGATIVE_EQUITY_ANNUAL = 0.3, HAZARD_NEGATIVE_EQUITY_QUARTER = 0.03;
    static final double HAZARD_SMALL_CAP = 0.025, HAZARD_CRASHED = 0.005, HAZARD_CHRONIC_LOSSES = 0.02;
    static final double MIN_CAP_KOSPI = 5e9, MIN_CAP_KOSDAQ = 4e9;
    /** Voluntary delisting (merger, tender offer) per quarter: no crash. */
    static final double MERGER_HAZARD = 0.0005;

    enum Exit { NONE, DISTRESS, MERGER }

    /** What the simulation produced besides the bars. */
    record Result(int lastBar, Exit exit, double shares0, double[] sharesAfterQuarter,
                  int[] periodEnd, int[] disclosed, double[][] values) {
        int reportCount() {
            return periodEnd.length;
        }
    }

    private final MarketContext mc;
    private final StockPlan plan;
    private final Rng rng;
    private final Sector sector;
    private final boolean kospi;

    // company parameters
    private double assetsToSales, marginMean, sga, growthMean, currentAssetRatio, cashShare, currentLiabRatio;
    private double payout;
    private int dividendFrequency; // 0 none, 1 annual (Q4), 2 semi-annual, 4 quarterly
    private double issuanceBase;

    // company state
    private double revenueRate, growth, margin, assets, equity, liabilities, shares;
    private double quarterShock;
    /** Equity raised from share issuance since listing (valued at book, not at the sector's price/book). */
    private double raisedCapital;
    private final double[] repRaised;
    /** The stock's own log price component (log price = this + factor exposure). */
    private double x;
    private int consecutiveLossYears;
    private double niYearToDate, opYearToDate;

    // reports (one per computed quarter)
    private final int[] repPeriodEnd, repDisclosed;
    private final double[][] repValues;
    private final double[] repRevenue, repNetIncome, repGrowth, repPremium;
    /** The company's own valuation premium over its sector's multiples: a static part and a slowly wandering part. */
    private double multiplePremium, premiumWander;
    private int reportCount;
    private final double[] sharesAfterQuarter;

    // market's view from disclosures
    private double lnFairValuePerShare, expectedGrowth, qualityZ, growthZ, smoothedGrowth;

    StockSimulator(MarketContext mc, StockPlan plan, Rng rng) {
        this.mc = mc;
        this.plan = plan;
        this.rng = rng;
        this.sector = plan.sector();
        this.kospi = plan.kospi();
        int nq = mc.quarterEnds.length;
        this.repPeriodEnd = new int[nq];
        this.repDisclosed = new int[nq];
        this.repValues = new double[nq][];
        this.repRevenue = new double[nq];
        this.repNetIncome = new double[nq];
        this.repGrowth = new double[nq];
        this.repPremium = new double[nq];
        this.repRaised = new double[nq];
        this.sharesAfterQuarter = new double[nq];
        Arrays.fill(sharesAfterQuarter, Double.NaN);
    }

    static double exp(double x) {
        return StrictMath.exp(x);
    }

    static double log(double x) {
        return StrictMath.log(x);
    }

    /** Runs the simulation, writing bars at {@code base .. base + nd - 1} of the arrays (which it first fills with NaN). */
    Result run(double[] open, double[] high, double[] low, double[] close, double[] volume, int base) {
        final int nd = mc.nd;
        Arrays.fill(open, base, base + nd, Double.NaN);
        Arrays.fill(high, base, base + nd, Double.NaN);
        Arrays.fill(low, base, base + nd, Double.NaN);
        Arrays.fill(close, base, base + nd, Double.NaN);
        Arrays.fill(volume, base, base + nd, Double.NaN);

        // ---- size, price, risk ----
        double zCap = rng.gaussian();
        double cap0 = kospi ? 350e9 * exp(1.5 * zCap) : 90e9 * exp(1.0 * zCap);
        cap0 = Rng.clamp(cap0, 3e9, 9e14);
        double price0 = exp(log(kospi ? 16_000 : 9_000) + 0.35 * zCap + 0.75 * rng.gaussian());
        price0 = KrxTicks.round(Rng.clamp(price0, 1_000, 500_000));
        double shares0 = Math.max(10_000, Math.rint(cap0 / price0));
        shares = shares0;
        double beta = Rng.clamp(rng.normal(1.0, kospi ? 0.25 : 0.30), 0.2, 2.2);
        double sectorLoading = Rng.clamp(rng.normal(1.0, 0.3), 0.1, 2.0);
        double kosdaqLoading = kospi ? Rng.clamp(rng.normal(0.15, 0.10), 0, 0.5) : Rng.clamp(rng.normal(1.0, 0.3), 0.2, 2.0);
        double idioVol = (kospi ? 0.27 : 0.40) * sector.idioVolMultiplier * exp(0.25 * rng.gaussian() - 0.08 * zCap);
        double idioVar = idioVol * idioVol / Y;
        double idioOmega = idioVar * (1 - IDIO_GARCH_ALPHA - IDIO_GARCH_BETA);
        double turnover = (kospi ? 0.004 : 0.012) * exp(0.6 * rng.gaussian() - 0.15 * zCap);
        double jumpProb = (kospi ? 0.0012 : 0.0025) * (sector == Sector.BIO_HEALTHCARE ? 1.6 : 1.0);

        // ---- company ----
        assetsToSales = sector.assetsToSales * exp(0.3 * rng.gaussian());
        double eqRatio = sector == Sector.FINANCIALS
                ? Rng.clamp(rng.normal(sector.equityRatio, 0.03), 0.05, 0.25)
                : Rng.clamp(rng.normal(sector.equityRatio, 0.12), 0.12, 0.92);
        marginMean = rng.normal(sector.marginMean, sector.marginDispersion);
        sga = Math.min(0.35, sector.sgaRatio * exp(0.3 * rng.gaussian()));
        growthMean = Rng.clamp(rng.normal(sector.growthMean, sector == Sector.BIO_HEALTHCARE ? 0.15 : 0.07), -0.2, 0.5);
        currentAssetRatio = Rng.clamp(rng.normal(sector.currentAssetRatio, 0.08), 0.1, 0.9);
        cashShare = Rng.clamp(rng.normal(0.3, 0.12), 0.05, 0.8);
        currentLiabRatio = Rng.clamp(rng.normal(0.55, 0.1), 0.2, 0.9);
        boolean pays = rng.chance(kospi ? 0.8 : 0.55);
        payout = pays ? rng.uniform(0.1, 0.5) : 0;
        double f = rng.uniform();
        dividendFrequency = !pays ? 0 : f < (kospi ? 0.75 : 0.9) ? 1 : f < 0.9 ? 2 : 4;
        issuanceBase = kospi ? 0.008 : 0.02;

        // fundamentals sized so that the fair value is near the listing market cap (initial mispricing c0)
        double c0 = rng.normal(INITIAL_GAP_MEAN, INITIAL_GAP_SD);
        double fv0 = cap0 * exp(c0);
        double interestMargin0 = (1 - eqRatio) * assetsToSales * INTEREST_BEARING_SHARE * INTEREST_RATE
                * (sector == Sector.FINANCIALS ? 0.4 : 1);
        double netMargin0 = Math.max(marginMean - interestMargin0, 0) * (1 - TAX_RATE);
        double perRevenue = VALUATION_LEVEL * (0.4 * sector.pbr * eqRatio * assetsToSales + 0.35 * sector.per * netMargin0 + 0.25 * sector.psr)
                * exp(FV_GROWTH_MULTIPLE * Rng.clamp(growthMean - sector.growthMean, -0.3, 0.5));
        multiplePremium = rng.normal(0, MULTIPLE_PREMIUM_SD);
        double revenueNow = fv0 / (perRevenue * exp(multiplePremium));
        int listIdx = plan.listIdx();
        int listDay = mc.days[listIdx];
        int nq = mc.quarterEnds.length;
        int firstQ = 0;
        if (plan.newListing()) {
            int from = (int) LocalDate.ofEpochDay(listDay).minusYears(2).toEpochDay();
            while (firstQ < nq && mc.quarterEnds[firstQ] < from) firstQ++;
        }
        int preQuarters = 0;
        for (int k = firstQ; k < nq && mc.quarterEnds[k] < listDay; k++) preQuarters++;
        revenueRate = revenueNow * exp(-growthMean * preQuarters / 4.0);
        growth = growthMean;
        margin = marginMean;
        assets = Math.rint(revenueRate * assetsToSales);
        equity = Math.rint(assets * eqRatio);
        liabilities = assets - equity;
        smoothedGrowth = growthMean;

        // ---- halts (not during the first week after listing) ----
        boolean[] halted = new boolean[nd];
        int[] yearStarts = mc.yearStarts;
        for (int y = 0; y + 1 < yearStarts.length; y++) {
            int from = Math.max(yearStarts[y], listIdx + 5), to = yearStarts[y + 1];
            boolean halt = rng.chance(HALT_PROBABILITY_PER_YEAR);
            double u1 = rng.uniform(), u2 = rng.uniform();
            if (!halt || from >= to) continue;
            int start = from + (int) (u1 * (to - from));
            int length = 1 + (int) (19 * u2 * u2);
            for (int d = start; d < Math.min(nd, start + length); d++) halted[d] = true;
        }

        // ---- quarters before listing: reported in the listing prospectus ----
        int kq = firstQ;
        while (kq < nq && mc.quarterEnds[kq] < listDay) computeQuarter(kq++, price0, listDay, false);

        // ---- the day loop ----
        final double[] fMarket = mc.marketCum, fKosdaq = mc.kosdaqCum, fSector = mc.sectorCum[sector.ordinal()];
        final double[] mVar = mc.marketVar;
        double factor0 = beta * fMarket[listIdx] + sectorLoading * fSector[listIdx] + kosdaqLoading * fKosdaq[listIdx];
        x = log(price0) - factor0;
        lnFairValuePerShare = log(price0) + c0;
        expectedGrowth = growthMean;
        double prevClose = price0;
        double peak = price0;
        double h = idioVar, e2 = idioVar;
        int applied = 0;
        Exit exit = Exit.NONE;
        int exitHaltStart = Integer.MAX_VALUE, exitHaltEnd = -1, liquidationStart = Integer.MAX_VALUE, plannedLastBar = nd - 1, mergerStart = Integer.MAX_VALUE;
        int lastBar = -1;
        int barsSinceListing = 0;
        for (int d = listIdx; d < nd; d++) {
            final int today = mc.days[d];
            while (kq < nq && mc.quarterEnds[kq] < today) computeQuarter(kq++, prevClose, listDay, d > listIdx);
            while (applied < reportCount && repDisclosed[applied] <= today) {
                int r = applied++;
                applyDisclosure(r);
                if (exit == Exit.NONE && d > listIdx && d < nd - 40) {
                    boolean annual = LocalDate.ofEpochDay(repPeriodEnd[r]).getMonthValue() == 12;
                    double cap = prevClose * shares;
                    double hazard = kospi ? BASE_HAZARD_KOSPI : BASE_HAZARD_KOSDAQ;
                    double eq = repValues[r][EQUITY];
                    if (eq <= 0) hazard += annual ? HAZARD_NEGATIVE_EQUITY_ANNUAL : HAZARD_NEGATIVE_EQUITY_QUARTER;
                    if (cap < (kospi ? MIN_CAP_KOSPI : MIN_CAP_KOSDAQ)) hazard += HAZARD_SMALL_CAP;
                    if (prevClose < 0.15 * peak) hazard += HAZARD_CRASHED;
                    if (annual && consecutiveLossYears >= 4) hazard += HAZARD_CHRONIC_LOSSES;
                    double u = rng.uniform(), u2 = rng.uniform(), u3 = rng.uniform();
                    if (u < hazard) {
                        exit = Exit.DISTRESS;
                        exitHaltStart = d + 1;
                        exitHaltEnd = d + 5 + (int) (u2 * 16);          // halted for 5..20 days
                        liquidationStart = exitHaltEnd + 1;
                        plannedLastBar = liquidationStart + 4 + (int) (u3 * 3); // 5..7 days of liquidation trading
                    } else if (u < hazard + MERGER_HAZARD) {
                        exit = Exit.MERGER;
                        mergerStart = d;
                        plannedLastBar = d + 10 + (int) (u2 * 11);
                        x += 0.15 + 0.15 * u3; // tender premium
                    }
                }
            }
            boolean first = d == listIdx;
            if (!first) {
                h = Math.min(idioOmega + IDIO_GARCH_ALPHA * e2 + IDIO_GARCH_BETA * h, MAX_VARIANCE_MULTIPLE * idioVar);
                double eps = Math.sqrt(h) * Rng.clamp(rng.studentT4(), -MAX_SHOCK, MAX_SHOCK);
                e2 = eps * eps;
                double jump = rng.uniform() < jumpProb ? JUMP_SIZE * Rng.clamp(rng.studentT4(), -MAX_SHOCK, MAX_SHOCK) : 0;
                double drift;
                if (d >= liquidationStart) {
                    drift = LIQUIDATION_DRIFT;
                } else if (d >= mergerStart) {
                    drift = 0;
                    eps *= 0.25;
                    jump = 0;
                } else {
                    double gap = Rng.clamp(lnFairValuePerShare - x, -2, 2);
                    drift = (expectedGrowth + KAPPA * gap + QUALITY_PREMIUM * qualityZ + GROWTH_PREMIUM * growthZ) / Y;
                }
                x += drift + eps + jump;
                quarterShock += eps + jump;
            } else if (plan.newListing()) {
                x += rng.normal(0.12, 0.2); // first-day pop over the offering price
            }
            boolean forcedBar = d >= liquidationStart || d >= mergerStart || d == plannedLastBar;
            if (!forcedBar && ((d >= exitHaltStart && d <= exitHaltEnd) || halted[d])) {
                continue;
            }

            // ---- the bar ----
            double factor = beta * fMarket[d] + sectorLoading * fSector[d] + kosdaqLoading * fKosdaq[d];
            double target = exp(x + factor);
            double up = KrxTicks.upperLimit(prevClose), down = KrxTicks.lowerLimit(prevClose);
            double c = Rng.clamp(KrxTicks.round(target), down, up);
            double sd = Math.sqrt(h + beta * beta * mVar[d]);
            double move = log(c / prevClose);
            double o = Rng.clamp(KrxTicks.round(prevClose * exp(0.35 * move + 0.3 * sd * rng.gaussian())), down, up);
            double hi = Math.min(up, KrxTicks.ceil(Math.max(o, c) * exp(0.6 * sd * Math.abs(rng.gaussian()))));
            double lo = Math.max(down, KrxTicks.floor(Math.min(o, c) * exp(-0.6 * sd * Math.abs(rng.gaussian()))));
            boolean locked = (c == up && target > up) || (c == down && target < down);
            double vol = shares * turnover * exp(0.5 * rng.gaussian()) * (1 + 0.5 * Math.abs(move) / sd) / 1.4;
            if (locked) vol *= 0.35;
            if (plan.newListing() && barsSinceListing < 5) vol *= 8.0 / (1 + barsSinceListing);
            int i = base + d;
            open[i] = o;
            high[i] = hi;
            low[i] = lo;
            close[i] = c;
            volume[i] = Math.max(1, Math.rint(vol));
            prevClose = c;
            if (c > peak) peak = c;
            lastBar = d;
            barsSinceListing++;
            if (d == plannedLastBar && exit != Exit.NONE) break;
        }

        // reports visible within the panel: disclosed by the end (or by the last bar of a delisted stock)
        int lastVisibleDay = exit != Exit.NONE && lastBar >= 0 ? mc.days[lastBar] : mc.endDay;
        int kept = 0;
        while (kept < reportCount && repDisclosed[kept] <= lastVisibleDay) kept++;
        double[][] values = new double[ITEMS][kept];
        for (int r = 0; r < kept; r++) {
            for (int it = 0; it < ITEMS; it++) values[it][r] = repValues[r][it];
        }
        return new Result(lastBar, exit, shares0, sharesAfterQuarter, Arrays.copyOf(repPeriodEnd, kept),
                Arrays.copyOf(repDisclosed, kept), values);
    }

    /** Computes the statements of quarter {@code k} (global index) at the current price. */
    private void computeQuarter(int k, double price, int listDay, boolean listed) {
        int periodEnd = mc.quarterEnds[k];
        LocalDate pe = LocalDate.ofEpochDay(periodEnd);
        int q = (pe.getMonthValue() - 1) / 3; // 0..3

        double growthSd = sector == Sector.BIO_HEALTHCARE ? 0.08 : 0.05;
        // unusual growth fades: a company's trend growth drifts back towards its sector's (half-life about 3 years)
        growthMean += 0.06 * (sector.growthMean - growthMean);
        growth = Rng.clamp(growthMean + 0.8 * (growth - growthMean) + rng.normal(0, growthSd), -0.6, 1.0);
        revenueRate *= exp(growth / 4 + NEWS_TO_REVENUE * Rng.clamp(quarterShock, -1, 1));
        quarterShock = 0;
        revenueRate = Math.max(revenueRate, 1e7);
        double revenue = Math.rint(revenueRate / 4 * sector.seasonality[q] * exp(rng.normal(0, sector.revenueNoise)));
        // a company's own mean margin wanders back towards its sector's over the years (half-life about 8 years)
        marginMean += 0.02 * (sector.marginMean - marginMean) + rng.normal(0, 0.2 * sector.marginDispersion);
        double marginSd = Math.max(0.015, 0.2 * sector.marginDispersion);
        margin = Rng.clamp(marginMean + 0.8 * (margin - marginMean) + rng.normal(0, marginSd), -1.0, 0.6);
        double op = Math.rint(margin * revenue);
        double gross = Math.rint((margin + sga) * revenue);
        double dep = Math.rint(assets * sector.depreciationRate / 4);
        double interest = Math.rint(Math.max(liabilities, 0) * INTEREST_BEARING_SHARE * INTEREST_RATE / 4
                * (sector == Sector.FINANCIALS ? 0.4 : 1));
        double other = revenue * rng.normal(0, 0.015);
        double oneOff = rng.uniform(), oneOffSize = rng.uniform(0.05, 0.3);
        if (oneOff < 0.02) other -= oneOffSize * Math.max(equity, 0.05 * assets);
        double pretax = op - interest + other;
        double ni = Math.rint(pretax > 0 ? pretax * (1 - TAX_RATE) : pretax);
        double ocf = Math.rint(ni + dep - 0.1 * revenue * growth + revenue * rng.normal(0, 0.05));
        double capex = Math.rint(dep * Math.max(0.3, 1 + 2 * growth) * exp(rng.normal(0, 0.3)));

        niYearToDate += ni;
        opYearToDate += op;
        double niTtm = ni;
        for (int r = reportCount - 1; r >= Math.max(0, reportCount - 3); r--) niTtm += repNetIncome[r];
        double dividends = 0;
        if (dividendFrequency == 1 && q == 3) dividends = payout * Math.max(niYearToDate, 0);
        else if (dividendFrequency == 2 && (q == 1 || q == 3)) dividends = payout * Math.max(niTtm, 0) / 2;
        else if (dividendFrequency == 4) dividends = payout * Math.max(niTtm, 0) / 4;
        dividends = Math.rint(Math.min(dividends, Math.max(equity, 0) * 0.5));
        if (q == 3) {
            consecutiveLossYears = opYearToDate < 0 ? consecutiveLossYears + 1 : 0;
            niYearToDate = 0;
            opYearToDate = 0;
        }

        // share issuance (rights offerings, convertible conversions), more likely for loss-makers, after listing
        double proceeds = 0;
        double issueP = issuanceBase + (niTtm < 0 ? 0.05 : 0) + (equity < 0.25 * assets ? 0.05 : 0)
                + (equity < 0.1 * assets ? 0.2 : 0);
        double u = rng.uniform(), size = rng.uniform(0.05, 0.2);
        if (listed && u < issueP) {
            double newShares = Math.rint(shares * size);
            proceeds = Math.rint(newShares * price * 0.85);
            raisedCapital += proceeds;
            double dilution = newShares / shares;
            shares += newShares;
            x += log((1 + 0.85 * dilution) / (1 + dilution)); // issued at a 15 % discount
        }

        equity = equity + ni - dividends + proceeds;
        double target = revenueRate * assetsToSales;
        double a = 0.8 * assets + 0.2 * target + Math.max(0, ni - dividends) + proceeds;
        if (equity > 0) a = Math.max(a, equity / 0.92);
        a = Math.max(a, 0.3 * target);
        assets = Math.rint(a);
        liabilities = assets - equity;
        double ca = Math.min(0.95 * assets, assets * currentAssetRatio * exp(rng.normal(0, 0.05))
                + Math.max(0, assets - target) * 0.5);
        ca = Math.rint(ca);
        double cash = Math.rint(Math.min(0.9 * ca, ca * cashShare * exp(rng.normal(0, 0.15))));
        double cl = liabilities > 0 ? Math.rint(Math.min(liabilities, liabilities * currentLiabRatio * exp(rng.normal(0, 0.05)))) : 0;

        double[] v = new double[ITEMS];
        v[REV] = revenue;
        v[GROSS] = gross;
        v[OP] = op;
        v[NI] = ni;
        v[INTEREST] = interest;
        v[DEP] = dep;
        v[OCF] = ocf;
        v[CAPEX] = capex;
        v[DIV] = dividends;
        v[ASSETS] = assets;
        v[LIAB] = liabilities;
        v[EQUITY] = equity;
        v[CA] = ca;
        v[CL] = cl;
        v[CASH] = cash;
        v[SHARES] = shares;

        int lag = q == 3 ? 60 + rng.nextInt(31) : 30 + rng.nextInt(16);
        LocalDate disclosed = pe.plusDays(lag);
        if (disclosed.getDayOfWeek() == DayOfWeek.SATURDAY) disclosed = disclosed.plusDays(2);
        else if (disclosed.getDayOfWeek() == DayOfWeek.SUNDAY) disclosed = disclosed.plusDays(1);
        int disc = (int) disclosed.toEpochDay();
        if (plan.newListing()) disc = Math.max(disc, listDay); // earlier periods appear in the listing prospectus

        int r = reportCount++;
        repPeriodEnd[r] = periodEnd;
        repDisclosed[r] = disc;
        repValues[r] = v;
        repRevenue[r] = revenue;
        repNetIncome[r] = ni;
        repGrowth[r] = growth;
        premiumWander = 0.97 * premiumWander + rng.normal(0, PREMIUM_WANDER_SD);
        repPremium[r] = premiumWander;
        repRaised[r] = raisedCapital;
        sharesAfterQuarter[k] = shares;
    }

    /** Updates the market's view of the company from report {@code r} (just disclosed). */
    private void applyDisclosure(int r) {
        int n = Math.min(4, r + 1);
        double revTtm = 0, niTtm = 0;
        for (int i = r - n + 1; i <= r; i++) {
            revTtm += repRevenue[i];
            niTtm += repNetIncome[i];
        }
        revTtm *= 4.0 / n;
        niTtm *= 4.0 / n;
        double yoy;
        if (r >= 7) {
            double prev = 0;
            for (int i = r - 7; i <= r - 4; i++) prev += repRevenue[i];
            yoy = prev > 0 ? revTtm / prev - 1 : growthMean;
        } else if (r >= 4 && repRevenue[r - 4] > 0) {
            yoy = repRevenue[r] / repRevenue[r - 4] - 1;
        } else {
            yoy = growthMean;
        }
        yoy = Rng.clamp(yoy, -0.5, 1.0);
        smoothedGrowth = 0.5 * smoothedGrowth + 0.5 * yoy;
        double eq = repValues[r][EQUITY];
        double raised = Math.min(repRaised[r], Math.max(eq, 0)); // fresh cash is worth its book value
        double fv = raised + VALUATION_LEVEL * 0.4 * sector.pbr * Math.max(eq - raised, 0) + VALUATION_LEVEL * (0.35 * sector.per * Math.max(niTtm, 0) + 0.25 * sector.psr * revTtm);
        fv *= exp(FV_GROWTH_MULTIPLE * Rng.clamp(smoothedGrowth - sector.growthMean, -0.3, 0.5));
        fv = Math.max(fv, 1e8);
        lnFairValuePerShare = log(fv) + multiplePremium + repPremium[r] - log(repValues[r][SHARES]);
        // the market prices the company's underlying growth trend (not the noise of one year's revenue)
        expectedGrowth = Rng.clamp(repGrowth[r], -0.25, 0.3);
        qualityZ = eq > 0 ? Rng.clamp((niTtm / eq - 0.07) / 0.12, -2, 2) : -2;
        growthZ = Rng.clamp((yoy - 0.05) / 0.2, -2, 2);
    }
}
