package io.stocklab.engine.generate;

/**
 * The twelve sectors of the synthetic market with the parameters that shape their stocks: how many of each
 * market's listings they hold, their typical operating margin and its dispersion across companies, selling and
 * administrative cost ratio, asset intensity, equity ratio, revenue growth, quarterly revenue noise and
 * seasonality, depreciation rate, valuation multiples (used for each company's "fair value"), volatility and
 * the daily volatility of the sector's own return factor. The numbers are rough, Korean-market-flavoured
 * stylizations, not estimates from real data.
 */
public enum Sector {
    //                         display name             KOSPI KOSDAQ margin disp   sga   A/S  eqRatio growth rNoise dep    CA   PBR  PER  PSR   idio  secVol  Q1    Q2    Q3    Q4
    SEMICONDUCTORS("Semiconductors",                    6,   13,  0.10, 0.08, 0.12, 1.3, 0.65, 0.07, 0.06, 0.10, 0.45, 1.4, 13, 1.5, 1.10, 0.011, 0.96, 0.99, 1.02, 1.03),
    IT_HARDWARE("IT Hardware",                          8,   16,  0.05, 0.06, 0.10, 0.9, 0.55, 0.04, 0.07, 0.07, 0.55, 1.0, 12, 0.6, 1.05, 0.009, 0.95, 0.98, 1.02, 1.05),
    SOFTWARE_INTERNET("Software & Internet",            4,   12,  0.08, 0.10, 0.30, 1.2, 0.65, 0.09, 0.06, 0.04, 0.55, 2.5, 25, 2.5, 1.15, 0.010, 0.97, 0.99, 1.00, 1.04),
    AUTOS("Autos & Parts",                             10,    6,  0.05, 0.04, 0.10, 1.1, 0.45, 0.03, 0.05, 0.06, 0.40, 0.6,  7, 0.35, 0.95, 0.009, 0.97, 1.02, 0.97, 1.04),
    CHEMICALS("Chemicals & Batteries",                 12,    7,  0.07, 0.05, 0.09, 1.2, 0.55, 0.04, 0.06, 0.06, 0.40, 0.9, 10, 0.6, 1.00, 0.010, 1.00, 1.01, 1.00, 0.99),
    STEEL_MATERIALS("Steel & Materials",                9,    4,  0.06, 0.04, 0.06, 1.3, 0.55, 0.01, 0.06, 0.05, 0.40, 0.45, 8, 0.35, 0.90, 0.009, 0.98, 1.02, 1.00, 1.00),
    CONSTRUCTION("Construction & Shipbuilding",         7,    3,  0.05, 0.04, 0.07, 1.2, 0.40, 0.01, 0.08, 0.02, 0.60, 0.5,  7, 0.3, 0.95, 0.010, 0.90, 1.00, 0.95, 1.15),
    FINANCIALS("Financials",                           10,    3,  0.22, 0.08, 0.15, 8.0, 0.12, 0.03, 0.04, 0.005, 0.30, 0.45, 6, 1.0, 0.80, 0.008, 1.00, 1.00, 1.00, 1.00),
    BIO_HEALTHCARE("Bio & Healthcare",                  8,   18,  0.00, 0.18, 0.30, 2.0, 0.70, 0.10, 0.10, 0.04, 0.50, 3.5, 40, 6.0, 1.35, 0.013, 0.97, 1.00, 1.00, 1.03),
    CONSUMER_RETAIL("Consumer & Retail",               14,   10,  0.05, 0.04, 0.25, 0.9, 0.55, 0.02, 0.05, 0.04, 0.40, 1.0, 14, 0.6, 0.90, 0.007, 0.96, 0.99, 1.00, 1.05),
    TELECOM_UTILITIES("Telecom & Utilities",            5,    3,  0.07, 0.03, 0.15, 2.0, 0.45, 0.01, 0.03, 0.06, 0.25, 0.5,  9, 0.7, 0.70, 0.006, 1.08, 0.95, 0.97, 1.00),
    ENTERTAINMENT_MEDIA("Entertainment & Media",        4,    8,  0.07, 0.08, 0.20, 1.0, 0.60, 0.07, 0.10, 0.04, 0.55, 2.5, 25, 2.0, 1.20, 0.011, 0.95, 1.00, 0.99, 1.06);

    private final String displayName;
    /** Relative share of KOSPI / KOSDAQ listings. */
    final double kospiWeight, kosdaqWeight;
    /** Mean operating margin and its dispersion across companies. */
    final double marginMean, marginDispersion;
    /** Selling, general and administrative costs over revenue (gross margin = operating margin + this). */
    final double sgaRatio;
    /** Total assets over annual revenue. */
    final double assetsToSales;
    /** Equity over total assets at the start. */
    final double equityRatio;
    /** Mean annual revenue growth. */
    final double growthMean;
    /** Standard deviation of quarterly revenue noise (log). */
    final double revenueNoise;
    /** Annual depreciation over total assets. */
    final double depreciationRate;
    /** Current assets over total assets. */
    final double currentAssetRatio;
    /** Valuation multiples used for fair value: price/book, price/earnings, price/sales. */
    final double pbr, per, psr;
    /** Multiplier of idiosyncratic volatility. */
    final double idioVolMultiplier;
    /** Daily volatility of the sector factor (at average market volatility). */
    final double sectorVol;
    /** Revenue seasonality of Q1..Q4 (mean about 1). */
    final double[] seasonality;

    Sector(String displayName, double kospiWeight, double kosdaqWeight, double marginMean, double marginDispersion,
           double sgaRatio, double assetsToSales, double equityRatio, double growthMean, double revenueNoise,
           double depreciationRate, double currentAssetRatio, double pbr, double per, double psr,
           double idioVolMultiplier, double sectorVol, double q1, double q2, double q3, double q4) {
        this.displayName = displayName;
        this.kospiWeight = kospiWeight;
        this.kosdaqWeight = kosdaqWeight;
        this.marginMean = marginMean;
        this.marginDispersion = marginDispersion;
        this.sgaRatio = sgaRatio;
        this.assetsToSales = assetsToSales;
        this.equityRatio = equityRatio;
        this.growthMean = growthMean;
        this.revenueNoise = revenueNoise;
        this.depreciationRate = depreciationRate;
        this.currentAssetRatio = currentAssetRatio;
        this.pbr = pbr;
        this.per = per;
        this.psr = psr;
        this.idioVolMultiplier = idioVolMultiplier;
        this.sectorVol = sectorVol;
        double mean = (q1 + q2 + q3 + q4) / 4;
        this.seasonality = new double[] {q1 / mean, q2 / mean, q3 / mean, q4 / mean};
    }

    /** The name written in {@code Asset.sector()}, e.g. {@code Bio & Healthcare}. */
    public String displayName() {
        return displayName;
    }

    /** Name stems for synthetic company names of this sector (Korean suffixes). */
    String[] nameSuffixes() {
        return switch (this) {
            case SEMICONDUCTORS -> new String[] {"반도체", "세미콘", "실리콘", "마이크로"};
            case IT_HARDWARE -> new String[] {"전자", "디스플레이", "테크", "일렉트릭", "광학"};
            case SOFTWARE_INTERNET -> new String[] {"소프트", "네트웍스", "데이터", "클라우드", "랩스"};
            case AUTOS -> new String[] {"모터스", "오토텍", "정공", "부품"};
            case CHEMICALS -> new String[] {"화학", "케미칼", "에너지솔루션", "소재"};
            case STEEL_MATERIALS -> new String[] {"철강", "메탈", "금속", "머티리얼즈"};
            case CONSTRUCTION -> new String[] {"건설", "중공업", "조선", "엔지니어링"};
            case FINANCIALS -> new String[] {"금융지주", "증권", "캐피탈", "손해보험", "저축은행"};
            case BIO_HEALTHCARE -> new String[] {"바이오", "제약", "메디칼", "헬스케어", "바이오텍"};
            case CONSUMER_RETAIL -> new String[] {"푸드", "유통", "리테일", "패션", "식품"};
            case TELECOM_UTILITIES -> new String[] {"텔레콤", "가스", "파워", "에너지"};
            case ENTERTAINMENT_MEDIA -> new String[] {"엔터", "미디어", "스튜디오", "게임즈", "콘텐츠"};
        };
    }
}
