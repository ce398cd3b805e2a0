package io.stocklab.server.sweep;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.FieldProblem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sweep's variants, computed from their index alone (so any worker can rebuild any chunk): the grid in
 * mixed radix (the last parameter changes fastest), or random draws seeded by the sweep's seed and the index.
 * Plus the walk-forward windows.
 */
record SweepPlan(JsonNode base, List<String> keys, List<List<JsonNode>> values, boolean random, int variants,
                 long seed, List<Window> windows) {
    static final int MAX_VARIANTS = 10_000;

    /** One walk-forward window: optimize in sample, test out of sample. */
    record Window(LocalDate inStart, LocalDate inEnd, LocalDate outStart, LocalDate outEnd) {
    }

    static SweepPlan of(JsonNode base, JsonNode parameters, String mode, Integer samples, Long seed,
                        List<Window> windows) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        if (parameters == null || !parameters.isObject() || parameters.isEmpty()) {
            problems.add(new FieldProblem("parameters", "an object of JSON pointer → values or {min, max, step}"));
        } else if (parameters.size() > 10) {
            problems.add(new FieldProblem("parameters", "at most 10 parameters"));
        } else {
            for (Map.Entry<String, JsonNode> e : parameters.properties()) {
                String key = e.getKey();
                String path = "parameters." + key;
                if (!key.startsWith("/") || key.equals("/")) {
                    problems.add(new FieldProblem(path, "must be a JSON pointer such as /sell/stopLossPct"));
                    continue;
                }
                List<JsonNode> list = values(e.getValue(), path, problems);
                if (list != null) {
                    keys.add(key);
                    values.add(list);
                }
            }
        }
        String m = mode == null ? "grid" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("grid") && !m.equals("random")) problems.add(new FieldProblem("mode", "grid or random"));
        int n = 0;
        if (problems.isEmpty()) {
            if (m.equals("grid")) {
                long total = 1;
                for (List<JsonNode> v : values) total = Math.min(Long.MAX_VALUE / 2, total * v.size());
                if (total > MAX_VARIANTS) {
                    problems.add(new FieldProblem("parameters", "the grid has " + total + " variants; at most "
                            + MAX_VARIANTS + " (use mode random with samples)"));
                }
                n = (int) Math.min(total, MAX_VARIANTS);
                if (samples != null) problems.add(new FieldProblem("samples", "only with mode random"));
            } else {
                if (samples == null || samples < 1 || samples > MAX_VARIANTS) {
                    problems.add(new FieldProblem("samples", "between 1 and " + MAX_VARIANTS));
                } else {
                    n = samples;
                }
            }
        }
        if (!problems.isEmpty()) throw ApiException.invalid(problems);
        return new SweepPlan(base, List.copyOf(keys), List.copyOf(values), m.equals("random"), n,
                seed == null ? 42 : seed, windows);
    }

    private static List<JsonNode> values(JsonNode v, String path, List<FieldProblem> problems) {
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            if (v.isEmpty() || v.size() > MAX_VARIANTS) {
                problems.add(new FieldProblem(path, "1 to " + MAX_VARIANTS + " values"));
                return null;
            }
            v.forEach(out::add);
            return out;
        }
        if (v.isObject() && v.has("min") && v.has("max") && v.has("step") && v.get("min").isNumber()
                && v.get("max").isNumber() && v.get("step").isNumber()) {
            double min = v.get("min").asDouble();
            double max = v.get("max").asDouble();
            double step = v.get("step").asDouble();
            if (!(step > 0) || max < min || (max - min) / step > MAX_VARIANTS) {
                problems.add(new FieldProblem(path, "needs step > 0, max >= min and at most " + MAX_VARIANTS
                        + " values"));
                return null;
            }
            boolean integral = v.get("min").isIntegralNumber() && v.get("max").isIntegralNumber()
                    && v.get("step").isIntegralNumber();
            for (int i = 0; min + i * step <= max + 1e-9; i++) {
                double x = min + i * step;
                out.add(integral ? JsonNodeFactory.instance.numberNode((long) Math.round(x))
                        : JsonNodeFactory.instance.numberNode(Math.round(x * 1e9) / 1e9));
            }
            return out;
        }
        problems.add(new FieldProblem(path, "an array of values or {min, max, step}"));
        return null;
    }

    /** The chosen value of each parameter for variant {@code index}. */
    Map<String, JsonNode> choice(int index) {
        Map<String, JsonNode> chosen = new LinkedHashMap<>();
        if (random) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + index);
            for (int k = 0; k < keys.size(); k++) {
                chosen.put(keys.get(k), values.get(k).get(rng.nextInt(values.get(k).size())));
            }
        } else {
            int rest = index;
            JsonNode[] picked = new JsonNode[keys.size()];
            for (int k = keys.size() - 1; k >= 0; k--) {
                List<JsonNode> v = values.get(k);
                picked[k] = v.get(rest % v.size());
                rest /= v.size();
            }
            for (int k = 0; k < keys.size(); k++) chosen.put(keys.get(k), picked[k]);
        }
        return chosen;
    }

    static String label(Map<String, JsonNode> chosen) {
        StringBuilder s = new StringBuilder();
        chosen.forEach((k, v) -> {
            if (!s.isEmpty()) s.append(", ");
            s.append(k.substring(k.lastIndexOf('/') + 1)).append('=').append(v);
        });
        return s.toString();
    }

    /** The variant's spec, optionally restricted to a period. */
    JsonNode spec(Map<String, JsonNode> chosen, LocalDate start, LocalDate end) {
        ObjectNode spec = (ObjectNode) base.deepCopy();
        chosen.forEach((k, v) -> set(spec, k, v));
        if (start != null) {
            ObjectNode period = spec.putObject("period");
            period.put("start", start.toString());
            period.put("end", end.toString());
        }
        return spec;
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        JsonPointer ptr = JsonPointer.compile(pointer);
        JsonNode parent = root;
        for (JsonPointer p = ptr.head(); p != null && !p.matches(); p = p.tail()) {
            String prop = p.getMatchingProperty();
            JsonNode next = parent.get(prop);
            if (next == null || next.isNull()) next = ((ObjectNode) parent).putObject(prop);
            parent = next;
        }
        if (parent instanceof ObjectNode obj) obj.set(ptr.last().getMatchingProperty(), value);
        else throw new IllegalArgumentException("cannot set " + pointer + ": its parent is not an object");
    }

    /**
     * Rolling windows over [start, end], anchored at the end: the last window's out-of-sample period ends on
     * {@code end} (the most recent data is always tested out of sample), each earlier window lies stepMonths months
     * before the next, and windows whose in-sample period would start before {@code start} are left out (at most the
     * latest 24). Every boundary is counted in whole months back from the day after {@code end} (not from the
     * previous boundary), so month ends do not drift: with stepMonths = outOfSampleMonths the out-of-sample windows
     * are contiguous (each starts the day after the previous one ends). Oldest window first.
     */
    static List<Window> windows(LocalDate start, LocalDate end, int inMonths, int outMonths, int stepMonths) {
        LocalDate after = end.plusDays(1);
        List<Window> out = new ArrayList<>();
        for (int k = 0; out.size() < 24; k++) {
            int back = k * stepMonths;
            LocalDate outEnd = after.minusMonths(back).minusDays(1);
            LocalDate outStart = after.minusMonths(back + outMonths);
            LocalDate inStart = after.minusMonths(back + outMonths + inMonths);
            if (inStart.isBefore(start)) break;
            out.add(new Window(inStart, outStart.minusDays(1), outStart, outEnd));
        }
        return out.reversed();
    }
}
