package io.stocklab.engine.factor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A factor of the standard library: its metadata plus the computation. Built with
 * {@link #of(String, FactorCategory, String, String, String, String, Computation)} by the category classes
 * ({@link ValueFactors}, {@link GrowthFactors}, {@link QualityFactors}, {@link MomentumFactors},
 * {@link SizeFactors}, {@link VolatilityFactors}).
 */
record FactorDef(String id, FactorCategory category, String name, String description, String formula,
                 List<String> inputs, Computation computation) implements Factor {

    /** The vectorized computation over the whole panel (asset-major, NaN where undefined). */
    @FunctionalInterface
    interface Computation {
        double[] compute(FactorContext ctx);
    }

    FactorDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        if (name == null || name.isBlank() || description == null || description.isBlank()
                || formula == null || formula.isBlank()) {
            throw new IllegalArgumentException("factor " + id + " needs a name, a description and a formula");
        }
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("factor " + id + " needs inputs");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(computation, "computation");
    }

    /**
     * @param inputs comma-separated: bar fields, statement items and other factor ids
     */
    static FactorDef of(String id, FactorCategory category, String name, String formula, String description,
                        String inputs, Computation computation) {
        List<String> in = Arrays.stream(inputs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new FactorDef(id, category, name, description, formula, in, computation);
    }

    @Override
    public double[] compute(FactorContext ctx) {
        return computation.compute(ctx);
    }

    @Override
    public String toString() {
        return "Factor[" + id + "]";
    }
}
