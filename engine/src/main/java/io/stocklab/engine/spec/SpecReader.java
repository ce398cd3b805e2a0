package io.stocklab.engine.spec;

import io.stocklab.engine.expr.Expression;
import io.stocklab.engine.expr.ExpressionException;
import io.stocklab.engine.expr.ValueType;
import io.stocklab.engine.factor.FactorLibrary;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import java.util.Set;

/**
 * Reads a strategy spec from JSON, applying the defaults of strategy-spec §1 and collecting every problem
 * (unknown key, wrong type, out-of-range value, bad date, expression errors) with its JSON path before
 * failing with one {@link SpecException}.
 */
public final class SpecReader {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final FactorLibrary library;
    private final List<SpecProblem> problems = new ArrayList<>();

    private SpecReader(FactorLibrary library) {
        this.library = library;
    }

    /** Parses and validates {@code json}. */
    public static StrategySpec read(String json, FactorLibrary library) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage();
            var loc = e.getLocation();
            throw new SpecException("$", "malformed JSON" + (loc != null && loc.getLineNr() > 0 ? " at " + loc.getLineNr() + ":" + loc.getColumnNr() : "") + ": " + msg);
        }
        return read(root, library);
    }

    /** Validates an already parsed JSON tree. */
    public static StrategySpec read(JsonNode root, FactorLibrary library) {
        SpecReader r = new SpecReader(library);
        StrategySpec spec = r.spec(root);
        if (!r.problems.isEmpty()) throw new SpecException(r.problems);
        return spec;
    }

    private StrategySpec spec(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problem("$", "the spec is empty; expected a JSON object");
            return null;
        }
        if (!root.isObject()) {
            problem("$", "expected a JSON object, got " + kind(root));
            return null;
        }
        keys(root, "$", "name", "dataset", "universe", "rebalance", "buy", "sell", "execution", "period",
                "initialCapital", "benchmark", "riskFreeRatePct", "description", "tags");
        String name = string(root, "$", "name");
        String dataset = string(root, "$", "dataset");
        StrategySpec.Universe universe = universe(root.get("universe"));
        Rebalance rebalance = enumValue(root, "$", "rebalance", Rebalance.MONTHLY, Rebalance::parse, Rebalance.accepted());
        StrategySpec.Buy buy = buy(root.get("buy"));
        StrategySpec.Sell sell = sell(root.get("sell"));
        StrategySpec.Execution execution = execution(root.get("execution"));
        StrategySpec.Period period = period(root.get("period"));
        Double capital = number(root, "$", "initialCapital");
        if (capital == null) capital = StrategySpec.DEFAULT_CAPITAL;
        else if (!(capital > 0) || capital > 1e15) {
            problem("$.initialCapital", "must be a positive amount (at most 1e15), got " + num(capital));
        }
        String benchmark = string(root, "$", "benchmark");
        Double rf = number(root, "$", "riskFreeRatePct");
        if (rf == null) rf = 0.0;
        else if (!(rf > -100 && rf < 100)) problem("$.riskFreeRatePct", "must be between -100 and 100, got " + num(rf));
        if (root.has("tags") && !root.get("tags").isArray()) problem("$.tags", "expected an array of strings");
        if (root.has("description") && !root.get("description").isString() && !root.get("description").isNull()) {
            problem("$.description", "expected a string");
        }
        if (!problems.isEmpty()) return null;
        return new StrategySpec(name, dataset, universe, rebalance, buy, sell, execution, period, capital, benchmark, rf);
    }

    private StrategySpec.Universe universe(JsonNode n) {
        if (n == null || n.isNull()) return StrategySpec.Universe.ALL;
        String p = "$.universe";
        if (!object(n, p)) return StrategySpec.Universe.ALL;
        keys(n, p, "symbols", "markets", "sectors", "exclude", "filter");
        List<String> symbols = stringList(n, p, "symbols");
        List<String> markets = stringList(n, p, "markets");
        List<String> sectors = stringList(n, p, "sectors");
        List<String> exclude = stringList(n, p, "exclude");
        String filter = string(n, p, "filter");
        expression(filter, p + ".filter", ValueType.BOOLEAN);
        if (symbols != null && symbols.isEmpty()) problem(p + ".symbols", "must not be empty (use null for every asset)");
        if (markets != null && markets.isEmpty()) problem(p + ".markets", "must not be empty (use null for every market)");
        if (sectors != null && sectors.isEmpty()) problem(p + ".sectors", "must not be empty (use null for every sector)");
        return new StrategySpec.Universe(symbols, markets, sectors, exclude, filter);
    }

    private StrategySpec.Buy buy(JsonNode n) {
        String p = "$.buy";
        StrategySpec.Sizing defaultSizing = new StrategySpec.Sizing(SizingMethod.EQUAL, false);
        if (n == null || n.isNull()) return new StrategySpec.Buy(null, List.of(), 20, defaultSizing);
        if (!object(n, p)) return null;
        keys(n, p, "when", "rank", "maxPositions", "sizing");
        String when = string(n, p, "when");
        expression(when, p + ".when", ValueType.BOOLEAN);
        List<StrategySpec.RankKey> rank = new ArrayList<>();
        JsonNode r = n.get("rank");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                problem(p + ".rank", "expected an array of {by, order, weight}, got " + kind(r));
            } else {
                for (int i = 0; i < r.size(); i++) {
                    StrategySpec.RankKey k = rankKey(r.get(i), p + ".rank[" + i + "]");
                    if (k != null) rank.add(k);
                }
            }
        }
        Integer max = integer(n, p, "maxPositions");
        if (max == null) max = 20;
        else if (max < 1 || max > 10_000) problem(p + ".maxPositions", "must be between 1 and 10000, got " + max);
        StrategySpec.Sizing sizing = defaultSizing;
        JsonNode s = n.get("sizing");
        if (s != null && !s.isNull() && object(s, p + ".sizing")) {
            keys(s, p + ".sizing", "method", "rebalanceToTarget");
            SizingMethod m = enumValue(s, p + ".sizing", "method", SizingMethod.EQUAL, SizingMethod::parse, SizingMethod.accepted());
            Boolean rt = bool(s, p + ".sizing", "rebalanceToTarget");
            sizing = new StrategySpec.Sizing(m == null ? SizingMethod.EQUAL : m, rt != null && rt);
        }
        if (max < 1 || max > 10_000) return null;
        return new StrategySpec.Buy(when, rank, max, sizing);
    }

    private StrategySpec.RankKey rankKey(JsonNode n, String p) {
        if (!object(n, p)) return null;
        keys(n, p, "by", "order", "weight");
        String by = string(n, p, "by");
        if (by == null) {
            problem(p + ".by", "is required: a factor id or a numeric expression");
        } else {
            expression(by, p + ".by", ValueType.NUMBER);
        }
        Order order = enumValue(n, p, "order", Order.DESC, Order::parse, Order.accepted());
        Double w = number(n, p, "weight");
        if (w == null) w = 1.0;
        else if (!(w > 0) || w > 1e6) problem(p + ".weight", "must be a positive number, got " + num(w));
        if (by == null || order == null || !(w > 0) || w > 1e6) return null;
        return new StrategySpec.RankKey(by, order, w);
    }

    private StrategySpec.Sell sell(JsonNode n) {
        String p = "$.sell";
        if (n == null || n.isNull()) return new StrategySpec.Sell(null, null, null, null, null, StopMode.CLOSE, false);
        if (!object(n, p)) return null;
        keys(n, p, "when", "takeProfitPct", "stopLossPct", "trailingStopPct", "maxHoldDays", "stopMode", "dropUnselected");
        String when = string(n, p, "when");
        expression(when, p + ".when", ValueType.BOOLEAN);
        Double tp = number(n, p, "takeProfitPct");
        if (tp != null && !(tp > 0 && tp <= 10_000)) problem(p + ".takeProfitPct", "must be > 0 (a percentage), got " + num(tp));
        Double sl = number(n, p, "stopLossPct");
        if (sl != null && !(sl > 0 && sl < 100)) problem(p + ".stopLossPct", "must be between 0 and 100 (exclusive), got " + num(sl));
        Double ts = number(n, p, "trailingStopPct");
        if (ts != null && !(ts > 0 && ts < 100)) problem(p + ".trailingStopPct", "must be between 0 and 100 (exclusive), got " + num(ts));
        Integer mh = integer(n, p, "maxHoldDays");
        if (mh != null && mh < 1) problem(p + ".maxHoldDays", "must be at least 1 trading day, got " + mh);
        StopMode mode = enumValue(n, p, "stopMode", StopMode.CLOSE, StopMode::parse, StopMode.accepted());
        Boolean drop = bool(n, p, "dropUnselected");
        if (!problems.isEmpty()) return null;
        return new StrategySpec.Sell(when, tp, sl, ts, mh, mode, drop != null && drop);
    }

    private StrategySpec.Execution execution(JsonNode n) {
        String p = "$.execution";
        if (n == null || n.isNull()) return new StrategySpec.Execution(Fill.NEXT_OPEN, 0.015, 0.18, 0.0, false, MarketRules.NONE);
        if (!object(n, p)) return null;
        keys(n, p, "fill", "commissionPct", "sellTaxPct", "slippagePct", "fractionalShares", "marketRules");
        Fill fill = enumValue(n, p, "fill", Fill.NEXT_OPEN, Fill::parse, Fill.accepted());
        double c = pct(n, p, "commissionPct", 0.015);
        double t = pct(n, p, "sellTaxPct", 0.18);
        double s = pct(n, p, "slippagePct", 0.0);
        Boolean frac = bool(n, p, "fractionalShares");
        MarketRules rules = enumValue(n, p, "marketRules", MarketRules.NONE, MarketRules::parse, MarketRules.accepted());
        if (!problems.isEmpty()) return null;
        return new StrategySpec.Execution(fill, c, t, s, frac != null && frac, rules);
    }

    private double pct(JsonNode n, String p, String key, double def) {
        Double v = number(n, p, key);
        if (v == null) return def;
        if (!(v >= 0 && v < 100)) {
            problem(p + "." + key, "must be a percentage between 0 and 100, got " + num(v));
            return def;
        }
        return v;
    }

    private StrategySpec.Period period(JsonNode n) {
        String p = "$.period";
        if (n == null || n.isNull()) return StrategySpec.Period.ALL;
        if (!object(n, p)) return StrategySpec.Period.ALL;
        keys(n, p, "start", "end");
        LocalDate start = date(n, p, "start");
        LocalDate end = date(n, p, "end");
        if (start != null && end != null && end.isBefore(start)) {
            problem(p + ".end", "end " + end + " is before start " + start);
            return StrategySpec.Period.ALL;
        }
        return new StrategySpec.Period(start, end);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void expression(String text, String path, ValueType expected) {
        if (text == null) return;
        try {
            Expression e = Expression.parse(text, library);
            if (e.type() != expected) {
                problem(path, expected == ValueType.BOOLEAN
                        ? "must be a condition (true/false), but '" + text + "' is a number; compare it, e.g. '" + text + " > 0'"
                        : "must be a number to rank by, but '" + text + "' is a condition");
            }
        } catch (ExpressionException e) {
            problem(path, e.getMessage());
        }
    }

    private void keys(JsonNode n, String path, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String k : n.propertyNames()) {
            if (!ok.contains(k)) {
                String hint = nearest(k, allowed);
                problem(path + "." + k, "unknown key '" + k + "'" + (hint != null ? " — did you mean '" + hint + "'?" : "")
                        + " (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String nearest(String k, String[] allowed) {
        String best = null;
        int bestD = 3;
        for (String a : allowed) {
            int d = distance(k.toLowerCase(), a.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private boolean object(JsonNode n, String path) {
        if (n.isObject()) return true;
        problem(path, "expected an object, got " + kind(n));
        return false;
    }

    private String string(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isString()) {
            problem(path + "." + key, "expected a string, got " + kind(n));
            return null;
        }
        String s = n.stringValue();
        if (s.length() > 10_000) {
            problem(path + "." + key, "is too long (" + s.length() + " characters, at most 10000)");
            return null;
        }
        return s;
    }

    private List<String> stringList(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) {
            problem(path + "." + key, "expected an array of strings, got " + kind(n));
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isString() || e.stringValue().isBlank()) {
                problem(path + "." + key + "[" + i + "]", "expected a non-empty string, got " + kind(e));
            } else {
                out.add(e.stringValue().trim());
            }
        }
        return new ArrayList<>(out);
    }

    private Double number(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isNumber()) {
            problem(path + "." + key, "expected a number, got " + kind(n));
            return null;
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            problem(path + "." + key, "must be a finite number");
            return null;
        }
        return v;
    }

    private Integer integer(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToInt()) {
            problem(path + "." + key, "expected a whole number, got " + kind(n) + (n.isNumber() ? " " + n : ""));
            return null;
        }
        return n.asInt();
    }

    private Boolean bool(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) {
            problem(path + "." + key, "expected true or false, got " + kind(n));
            return null;
        }
        return n.booleanValue();
    }

    private LocalDate date(JsonNode parent, String path, String key) {
        String s = string(parent, path, key);
        if (s == null) return null;
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            problem(path + "." + key, "expected a date as YYYY-MM-DD, got '" + s + "'");
            return null;
        }
    }

    private <E> E enumValue(JsonNode parent, String path, String key, E def, java.util.function.Function<String, E> parse, String accepted) {
        String s = string(parent, path, key);
        if (s == null) return parent.has(key) && !parent.get(key).isNull() ? null : def;
        E v = parse.apply(s.trim());
        if (v == null) {
            problem(path + "." + key, "unknown value '" + s + "' (expected one of " + accepted + ")");
            return def;
        }
        return v;
    }

    private void problem(String path, String message) {
        problems.add(new SpecProblem(path, message));
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> n.getNodeType().toString().toLowerCase();
        };
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The spec as JSON (effective values, defaults filled in). */
    public static String toJson(StrategySpec spec) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
    }

    /** The spec as a JSON tree. */
    public static JsonNode toTree(StrategySpec spec) {
        return MAPPER.valueToTree(spec);
    }

}
