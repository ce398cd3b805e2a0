package io.stocklab.server.marketdata;

import io.stocklab.engine.data.FundamentalItem;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenDART (금융감독원 전자공시): the disclosure list ({@code list.json}, paged with {@code page_no} /
 * {@code page_count} up to {@code total_page}) and the main accounts of a periodic report
 * ({@code fnlttSinglAcnt.json}, consolidated statements preferred). {@code status} "000" is success, "013" means no
 * data (an empty result), "020" the request limit (retried), anything else an error.
 */
@Component
class OpenDartProvider implements MarketDataProvider {
    static final String DEFAULT_URL = "https://opendart.fss.or.kr/api";
    /** Report codes: Q1, half year, Q3, annual. */
    static final Map<String, Integer> REPORT_MONTH = Map.of("11013", 3, "11012", 6, "11014", 9, "11011", 12);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, FundamentalItem> ACCOUNTS = Map.of(
            "매출액", FundamentalItem.REVENUE, "영업이익", FundamentalItem.OPERATING_INCOME,
            "당기순이익", FundamentalItem.NET_INCOME, "자산총계", FundamentalItem.TOTAL_ASSETS,
            "부채총계", FundamentalItem.TOTAL_LIABILITIES, "자본총계", FundamentalItem.EQUITY,
            "유동자산", FundamentalItem.CURRENT_ASSETS, "유동부채", FundamentalItem.CURRENT_LIABILITIES);

    private final MarketDataProperties.Provider config;
    private final ProviderHttp http;

    OpenDartProvider(MarketDataProperties properties) {
        this.config = properties.providers().opendart();
        this.http = new ProviderHttp(id(), config, DEFAULT_URL);
    }

    @Override
    public String id() {
        return "opendart";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FUNDAMENTALS, Capability.DISCLOSURES);
    }

    @Override
    public boolean configured() {
        return config.apiKey() != null && !config.apiKey().isBlank();
    }

    @Override
    public List<Disclosure> disclosures(LocalDate from, LocalDate to) {
        List<Disclosure> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode r = http.get("/list.json", ProviderHttp.params("crtfc_key", key(), "bgn_de", from.format(BASIC),
                    "end_de", to.format(BASIC), "page_no", String.valueOf(page), "page_count", "100"), Map.of(), this::validate);
            if (r == null) return out;
            for (JsonNode d : r.path("list")) {
                out.add(new Disclosure(d.path("corp_code").asString(), d.path("corp_name").asString(),
                        blankToNull(d.path("stock_code").asString("")), d.path("report_nm").asString().trim(),
                        d.path("rcept_no").asString(), LocalDate.parse(d.path("rcept_dt").asString(), BASIC)));
            }
            if (page >= r.path("total_page").asInt(1)) return out;
        }
    }

    @Override
    public Statement statement(String corpCode, int year, String reportCode) {
        Integer month = REPORT_MONTH.get(reportCode);
        if (month == null) throw new IllegalArgumentException("unknown report code " + reportCode + " (11013, 11012, 11014, 11011)");
        JsonNode r = http.get("/fnlttSinglAcnt.json", ProviderHttp.params("crtfc_key", key(), "corp_code", corpCode,
                "bsns_year", String.valueOf(year), "reprt_code", reportCode), Map.of(), this::validate);
        LocalDate periodEnd = LocalDate.of(year, month, 1).withDayOfMonth(LocalDate.of(year, month, 1).lengthOfMonth());
        if (r == null) return new Statement(corpCode, null, year, reportCode, periodEnd, Map.of());
        Map<FundamentalItem, Double> items = new EnumMap<>(FundamentalItem.class);
        String stock = null;
        // consolidated (CFS) first; separate (OFS) only for items the consolidated statements lack
        for (String fs : new String[] {"CFS", "OFS"}) {
            for (JsonNode row : r.path("list")) {
                if (!fs.equals(row.path("fs_div").asString())) continue;
                stock = blankToNull(row.path("stock_code").asString(""));
                FundamentalItem item = ACCOUNTS.get(row.path("account_nm").asString().trim());
                String amount = row.path("thstrm_amount").asString("").replace(",", "").trim();
                if (item == null || amount.isEmpty() || amount.equals("-") || items.containsKey(item)) continue;
                items.put(item, Double.parseDouble(amount));
            }
        }
        return new Statement(corpCode, stock, year, reportCode, periodEnd, items);
    }

    /** The body when status is 000, null when 013 (no data); a ProviderException otherwise. */
    JsonNode validate(String body) {
        JsonNode n = JSON.readTree(body);
        String status = n.path("status").asString("");
        if (status.equals("000")) return n;
        if (status.equals("013")) return null;
        throw new ProviderException(id(), status.isEmpty() ? null : status, n.path("message").asString("response without status"),
                status.equals("020") || status.equals("800"));
    }

    private String key() {
        return config.apiKey() == null ? "" : config.apiKey();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
