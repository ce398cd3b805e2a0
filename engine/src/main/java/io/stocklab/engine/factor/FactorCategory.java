package io.stocklab.engine.factor;

/** The six families of the factor library. */
public enum FactorCategory {
    VALUE("Value"),
    GROWTH("Growth"),
    QUALITY("Quality"),
    MOMENTUM("Momentum / technical"),
    SIZE("Size / liquidity"),
    VOLATILITY("Volatility / risk");

    private final String label;

    FactorCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
