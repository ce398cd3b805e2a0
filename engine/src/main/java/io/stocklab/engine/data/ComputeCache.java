package io.stocklab.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Memo of derived panel-shaped arrays (factor values, materialized expression terms), keyed by a canonical
 * name. Each key is computed at most once even when many backtests of a sweep ask for it at the same time;
 * computations may ask for other keys (dependency order falls out of the recursion).
 */
public final class ComputeCache {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> bitmaps = new ConcurrentHashMap<>();

    private static final class Entry {
        private volatile double[] value;
        private RuntimeException failure;
    }

    /** The cached array for {@code key}, computing it with {@code compute} if absent. Never returns null. */
    public double[] get(String key, Supplier<double[]> compute) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        double[] v = entry.value;
        if (v != null) return v;
        synchronized (entry) {
            if (entry.value != null) return entry.value;
            if (entry.failure != null) throw entry.failure;
            try {
                double[] computed = compute.get();
                if (computed == null) throw new IllegalStateException("computation of '" + key + "' returned null");
                entry.value = computed;
                return computed;
            } catch (RuntimeException e) {
                entries.remove(key, entry);
                throw e;
            }
        }
    }

    /**
     * The cached bitmap for {@code key} (e.g. a condition evaluated on every cell), computing it if absent.
     * Bitmaps are small (one bit per cell), computed at most once per key.
     */
    public long[] bits(String key, Supplier<long[]> compute) {
        long[] v = bitmaps.get(key);
        if (v != null) return v;
        synchronized (bitmaps) {
            v = bitmaps.get(key);
            if (v != null) return v;
        }
        long[] computed = compute.get();
        if (computed == null) throw new IllegalStateException("computation of '" + key + "' returned null");
        long[] prev = bitmaps.putIfAbsent(key, computed);
        return prev != null ? prev : computed;
    }

    /** True if {@code key} has been computed. */
    public boolean contains(String key) {
        Entry e = entries.get(key);
        return e != null && e.value != null;
    }

    /** The keys computed so far (unordered snapshot). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (e.value != null) keys.add(k);
        });
        return keys;
    }

    /** Approximate bytes held. */
    public long bytes() {
        long total = 0;
        for (Entry e : entries.values()) {
            double[] v = e.value;
            if (v != null) total += 16L + 8L * v.length;
        }
        for (long[] b : bitmaps.values()) total += 16L + 8L * b.length;
        return total;
    }

    /** Forgets everything (e.g. to measure a cold run). */
    public void clear() {
        entries.clear();
        bitmaps.clear();
    }
}
