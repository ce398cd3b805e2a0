package io.stocklab.server.marketdata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Korea Investment &amp; Securities (KIS Developers) daily prices: an access token from {@code /oauth2/tokenP}
 * (kept until it expires), then {@code inquire-daily-itemchartprice} (tr_id FHKST03010100), at most 100 bars per
 * call, paged backwards by moving the end date before the oldest bar received. KIS answers HTTP 200 with
 * {@code rt_cd != "0"} on errors: that is an error ({@code msg_cd} EGW00201 = too many requests per second, retried;
 * EGW00123 = expired token, renewed once).
 */
@Component
class KisProvider implements MarketDataProvider {
    static final String DEFAULT_URL = "https://openapi.koreainvestment.com:9443";
    static final String DAILY_PATH = "/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private final MarketDataProperties.Provider config;
    private final ProviderHttp http;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    KisProvider(MarketDataProperties properties) {
        this.config = properties.providers().kis();
        this.http = new ProviderHttp(id(), config, DEFAULT_URL);
    }

    @Override
    public String id() {
        return "kis";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DAILY_PRICES);
    }

    @Override
    public boolean configured() {
        return config.apiKey() != null && !config.apiKey().isBlank() && config.apiSecret() != null && !config.apiSecret().isBlank();
    }

    synchronized String token(boolean renew) {
        if (!renew && token != null && Instant.now().isBefore(tokenExpires.minusSeconds(60))) return token;
        String body = JSON.writeValueAsString(Map.of("grant_type", "client_credentials", "appkey", nz(config.apiKey()),
                "appsecret", nz(config.apiSecret())));
        JsonNode r = http.postJson("/oauth2/tokenP", body, Map.of(), s -> {
            JsonNode n = JSON.readTree(s);
            if (!n.path("access_token").isString()) {
                throw new ProviderException(id(), n.path("error_code").asString(null),
                        n.path("error_description").asString("no access_token in the token response"), false);
            }
            return n;
        });
        token = r.path("access_token").asString();
        tokenExpires = Instant.now().plusSeconds(r.path("expires_in").asLong(3600));
        return token;
    }

    @Override
    public List<DailyBar> dailyBars(String code, LocalDate from, LocalDate to) {
        Map<LocalDate, DailyBar> bars = new LinkedHashMap<>();
        LocalDate end = to;
        boolean renewed = false;
        while (!end.isBefore(from)) {
            JsonNode r;
            try {
                r = page(code, from, end, token(false));
            } catch (ProviderException e) {
                if (!"EGW00123".equals(e.code()) || renewed) throw e;
                renewed = true;
                r = page(code, from, end, token(true));
            }
            JsonNode rows = r.path("output2");
            LocalDate oldest = null;
            int n = 0;
            for (JsonNode row : rows) {
                String day = row.path("stck_bsop_date").asString("");
                if (day.isEmpty()) continue; // KIS pads empty rows at the end of the history
                LocalDate d = LocalDate.parse(day, BASIC);
                n++;
                if (oldest == null || d.isBefore(oldest)) oldest = d;
                if (d.isBefore(from) || d.isAfter(to)) continue;
                bars.put(d, new DailyBar(code, r.path("output1").path("hts_kor_isnm").asString(null), null, d,
                        number(row, "stck_oprc"), number(row, "stck_hgpr"), number(row, "stck_lwpr"), number(row, "stck_clpr"),
                        number(row, "acml_vol")));
            }
            if (n == 0 || oldest == null) break;
            end = oldest.minusDays(1);
        }
        List<DailyBar> out = new ArrayList<>(bars.values());
        out.sort(Comparator.comparing(DailyBar::date));
        return out;
    }

    private JsonNode page(String code, LocalDate from, LocalDate to, String accessToken) {
        Map<String, String> headers = Map.of("authorization", "Bearer " + accessToken, "appkey", nz(config.apiKey()),
                "appsecret", nz(config.apiSecret()), "tr_id", "FHKST03010100", "custtype", "P");
        return http.get(DAILY_PATH, ProviderHttp.params("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", code,
                "FID_INPUT_DATE_1", from.format(BASIC), "FID_INPUT_DATE_2", to.format(BASIC), "FID_PERIOD_DIV_CODE", "D",
                "FID_ORG_ADJ_PRC", "0"), headers, this::validate);
    }

    /** HTTP 200 is not success at KIS: {@code rt_cd} must be "0". */
    JsonNode validate(String body) {
        JsonNode n = JSON.readTree(body);
        String rt = n.path("rt_cd").asString(null);
        if (!"0".equals(rt)) {
            String code = n.path("msg_cd").asString(null);
            throw new ProviderException(id(), code, n.path("msg1").asString(rt == null ? "response without rt_cd" : "error rt_cd=" + rt).trim(),
                    "EGW00201".equals(code));
        }
        if (!n.path("output2").isArray()) throw new ProviderException(id(), null, "response without output2", false);
        return n;
    }

    private double number(JsonNode row, String field) {
        String s = row.path(field).asString("").trim();
        if (s.isEmpty()) throw new ProviderException(id(), null, "row without " + field, false);
        return Double.parseDouble(s);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
