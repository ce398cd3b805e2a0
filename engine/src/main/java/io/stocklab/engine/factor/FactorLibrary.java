package io.stocklab.engine.factor;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of factors, by id, in a stable order (category, then registration order). Values are
 * computed on demand for a panel and memoized in the panel's {@link MarketPanel#cache()} under
 * {@code "factor:" + id}, so each is computed once per panel however many backtests ask for it.
 */
public final class FactorLibrary {
    private static volatile FactorLibrary standard;

    private final Map<String, Factor> byId;

    public FactorLibrary(List<? extends Factor> factors) {
        Map<String, Factor> m = new LinkedHashMap<>();
        for (Factor f : factors) {
            if (!f.id().matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("factor id not lower snake case: " + f.id());
            if (m.put(f.id(), f) != null) throw new IllegalArgumentException("duplicate factor id " + f.id());
        }
        this.byId = Collections.unmodifiableMap(m);
    }

    /** The standard library of StockLab (see {@link StandardFactors}). */
    public static FactorLibrary standard() {
        FactorLibrary s = standard;
        if (s == null) {
            synchronized (FactorLibrary.class) {
                s = standard;
                if (s == null) standard = s = new FactorLibrary(StandardFactors.all());
            }
        }
        return s;
    }

    public List<Factor> all() {
        return new ArrayList<>(byId.values());
    }

    public Optional<Factor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public int size() {
        return byId.size();
    }

    /** Values of factor {@code id} on {@code panel} (asset-major), computed once and cached. */
    public double[] values(MarketPanel panel, String id) {
        return values(panel, id, Cancellation.NEVER);
    }

    public double[] values(MarketPanel panel, String id, Cancellation cancellation) {
        Factor f = byId.get(id);
        if (f == null) throw new IllegalArgumentException("unknown factor '" + id + "'");
        return panel.cache().get("factor:" + id, () -> {
            if (cancellation != null) cancellation.throwIfCancelled();
            double[] v = f.compute(new FactorContext(panel, this, cancellation));
            if (v.length != panel.cellCount()) {
                throw new IllegalStateException("factor " + id + " returned " + v.length + " values, expected " + panel.cellCount());
            }
            return v;
        });
    }
}
