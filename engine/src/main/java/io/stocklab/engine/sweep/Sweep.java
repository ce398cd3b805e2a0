package io.stocklab.engine.sweep;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.spec.SpecException;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs many variants of a strategy in parallel over one panel: every variant shares the panel and its cached
 * factors and expression terms, so only the first variant pays for them. Results come back in variant order,
 * one {@link Outcome} per variant (a variant that fails does not stop the others).
 */
public final class Sweep {
    private Sweep() {
    }

    /** One variant: a label (e.g. {@code stopLossPct=10, maxPositions=20}) and its spec. */
    public record Variant(String label, StrategySpec spec) {
        public Variant {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** The result of one variant, or the reason it failed. */
    public record Outcome(int index, String label, BacktestResult result, String error) {
        public boolean ok() {
            return result != null;
        }
    }

    public static List<Outcome> run(Backtester backtester, List<Variant> variants, int threads,
                                    ProgressListener progress, Cancellation cancellation) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        Cancellation c = cancellation == null ? Cancellation.NEVER : cancellation;
        Outcome[] out = new Outcome[variants.size()];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stocklab-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                int idx = i;
                futures.add(pool.submit(() -> {
                    Variant v = variants.get(idx);
                    try {
                        c.throwIfCancelled();
                        BacktestResult r = backtester.run(v.spec(), ProgressListener.NONE, c);
                        out[idx] = new Outcome(idx, v.label(), r, null);
                    } catch (Cancellation.CancelledException e) {
                        out[idx] = new Outcome(idx, v.label(), null, "cancelled");
                    } catch (RuntimeException e) {
                        out[idx] = new Outcome(idx, v.label(), null, e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                    int n = done.incrementAndGet();
                    p.progress((double) n / variants.size(), "sweep", n + "/" + variants.size());
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Cancellation.CancelledException();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        c.throwIfCancelled();
        return List.of(out);
    }

    /**
     * The full grid of variants: for each combination of values, the base spec with each JSON pointer
     * (e.g. {@code /sell/stopLossPct}) set to that value. Labels list the values in parameter order.
     *
     * @throws SpecException if a variant is invalid (naming the variant)
     */
    public static List<Variant> grid(JsonNode baseSpec, Map<String, List<JsonNode>> parameters, FactorLibrary library) {
        List<String> keys = new ArrayList<>(parameters.keySet());
        List<Variant> out = new ArrayList<>();
        int total = 1;
        for (String k : keys) {
            int n = parameters.get(k).size();
            if (n == 0) throw new IllegalArgumentException("parameter " + k + " has no values");
            total = Math.multiplyExact(total, n);
        }
        for (int combo = 0; combo < total; combo++) {
            ObjectNode spec = (ObjectNode) baseSpec.deepCopy();
            Map<String, JsonNode> chosen = new LinkedHashMap<>();
            int rest = combo;
            for (int i = keys.size() - 1; i >= 0; i--) {
                List<JsonNode> values = parameters.get(keys.get(i));
                chosen.put(keys.get(i), values.get(rest % values.size()));
                rest /= values.size();
            }
            StringBuilder label = new StringBuilder();
            for (String k : keys) {
                set(spec, k, chosen.get(k));
                if (label.length() > 0) label.append(", ");
                label.append(k.substring(k.lastIndexOf('/') + 1)).append('=').append(chosen.get(k));
            }
            out.add(new Variant(label.toString(), SpecReader.read(spec, library)));
        }
        return out;
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        JsonPointer ptr = JsonPointer.compile(pointer);
        JsonPointer parentPtr = ptr.head();
        String last = ptr.last().getMatchingProperty();
        JsonNode parent = root;
        for (JsonPointer p = parentPtr; p != null && !p.matches(); p = p.tail()) {
            String prop = p.getMatchingProperty();
            JsonNode next = parent.get(prop);
            if (next == null || next.isNull()) next = ((ObjectNode) parent).putObject(prop);
            parent = next;
        }
        if (!(parent instanceof ObjectNode obj)) throw new IllegalArgumentException("cannot set " + pointer + ": parent is not an object");
        obj.set(last, value);
    }
}
