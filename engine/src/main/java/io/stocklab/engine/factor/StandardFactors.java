package io.stocklab.engine.factor;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard factor catalogue, in category order: value, growth, quality, momentum/technical,
 * size/liquidity, volatility/risk. Conventions shared by all factors:
 * <ul>
 *   <li>values are NaN on days without a bar and wherever a factor is undefined (window not yet full,
 *       missing statement item, non-positive denominator of a multiple — each factor says which);</li>
 *   <li>rates are in percent (returns, growth, margins, yields, volatility, drawdowns: 15 = 15 %); multiples
 *       and price/average ratios are plain ratios;</li>
 *   <li>statement figures are point in time ({@link PointInTime}); technical indicators follow TA-Lib's
 *       conventions ({@link Indicators}, {@code docs/indicators.md}).</li>
 * </ul>
 */
final class StandardFactors {
    private StandardFactors() {
    }

    static List<Factor> all() {
        List<Factor> list = new ArrayList<>();
        ValueFactors.register(list);
        GrowthFactors.register(list);
        QualityFactors.register(list);
        MomentumFactors.register(list);
        SizeFactors.register(list);
        VolatilityFactors.register(list);
        return list;
    }
}
