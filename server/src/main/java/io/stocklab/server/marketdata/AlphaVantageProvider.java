package io.stocklab.server.marketdata;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alpha Vantage US daily prices ({@code function=TIME_SERIES_DAILY}): {@code outputsize=compact} (the last 100
 * days) when that covers the range, else {@code full}. Errors come as HTTP 200 with {@code Error Message}; the rate
 * limit as {@code Note} or {@code Information} (retried after the backoff).
 */
@Component
class AlphaVantageProvider implements MarketDataProvider {
    static final String DEFAULT_URL = "https://www.alphavantage.co";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MarketDataProperties.Provider config;
    private final ProviderHttp http;

    AlphaVantageProvider(MarketDataProperties properties) {
        this.config = properties.providers().alphavantage();
        this.http = new ProviderHttp(id(), config, DEFAULT_URL);
    }

    @Override
    public String id() {
        return "alphavantage";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DAILY_PRICES);
    }

    @Override
    public boolean configured() {
        return config.apiKey() != null && !config.apiKey().isBlank();
    }

    @Override
    public List<DailyBar> dailyBars(String symbol, LocalDate from, LocalDate to) {
        boolean compact = ChronoUnit.DAYS.between(from, LocalDate.now()) < 140;
        JsonNode series = http.get("/query", ProviderHttp.params("function", "TIME_SERIES_DAILY", "symbol", symbol,
                "outputsize", compact ? "compact" : "full", "datatype", "json", "apikey", config.apiKey() == null ? "" : config.apiKey()),
                Map.of(), this::validate);
        List<DailyBar> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : series.properties()) {
            LocalDate d = LocalDate.parse(e.getKey());
            if (d.isBefore(from) || d.isAfter(to)) continue;
            JsonNode v = e.getValue();
            out.add(new DailyBar(symbol, null, null, d, number(v, "1. open"), number(v, "2. high"), number(v, "3. low"),
                    number(v, "4. close"), number(v, "5. volume")));
        }
        out.sort(Comparator.comparing(DailyBar::date));
        return out;
    }

    JsonNode validate(String body) {
        JsonNode n = JSON.readTree(body);
        if (n.has("Error Message")) throw new ProviderException(id(), "error", n.path("Error Message").asString(), false);
        for (String limit : new String[] {"Note", "Information"}) {
            if (n.has(limit)) throw new ProviderException(id(), "rate-limit", n.path(limit).asString(), true);
        }
        JsonNode series = n.path("Time Series (Daily)");
        if (!series.isObject()) throw new ProviderException(id(), null, "response without 'Time Series (Daily)'", false);
        return series;
    }

    private double number(JsonNode v, String field) {
        String s = v.path(field).asString("").trim();
        if (s.isEmpty()) throw new ProviderException(id(), null, "bar without '" + field + "'", false);
        return Double.parseDouble(s);
    }
}
