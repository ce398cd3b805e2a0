package io.stocklab.engine.result;

import io.stocklab.engine.spec.SpecReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of a {@link BacktestResult}: {@code spec, data, stats, equity, trades, monthlyReturns, warnings}. */
public final class ResultJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ResultJson() {
    }

    public static ObjectNode toTree(BacktestResult r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("engine", "stocklab-engine " + io.stocklab.engine.EngineVersion.VERSION);
        root.set("spec", SpecReader.toTree(r.spec()));
        ObjectNode data = root.putObject("data");
        data.put("name", r.dataName());
        data.put("synthetic", r.syntheticData());
        if (r.days() > 0) {
            data.put("start", r.date(0).toString());
            data.put("end", r.date(r.days() - 1).toString());
        }
        data.put("days", r.days());
        root.set("stats", MAPPER.valueToTree(r.stats()));
        ArrayNode eq = root.putArray("equity");
        for (EquityPoint p : r.equity()) eq.add(MAPPER.<JsonNode>valueToTree(p));
        ArrayNode tr = root.putArray("trades");
        for (Trade t : r.trades()) tr.add(MAPPER.<JsonNode>valueToTree(t));
        ArrayNode mr = root.putArray("monthlyReturns");
        for (MonthlyReturn m : r.monthlyReturns()) mr.add(MAPPER.<JsonNode>valueToTree(m));
        ArrayNode w = root.putArray("warnings");
        r.warnings().forEach(w::add);
        return root;
    }

    public static String toJson(BacktestResult r) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(r));
    }
}
