package io.stocklab.server.marketdata;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * KRX daily prices of every listed stock through the public data portal (data.go.kr, 금융위원회_주식시세정보,
 * {@code GetStockSecuritiesInfoService/getStockPriceInfo}, {@code resultType=json}): paged with {@code pageNo} /
 * {@code numOfRows} until {@code totalCount}; {@code resultCode} "00" is success, anything else an error; the
 * gateway reports key and quota errors as XML ({@code returnReasonCode}, e.g. 30 = unregistered key, 22 = quota).
 */
@Component
class KrxDataPortalProvider implements MarketDataProvider {
    static final String DEFAULT_URL = "https://apis.data.go.kr/1160100/service/GetStockSecuritiesInfoService";
    static final int PAGE_SIZE = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern XML_CODE = Pattern.compile("<returnReasonCode>\\s*(\\d+)\\s*</returnReasonCode>");
    private static final Pattern XML_MSG = Pattern.compile("<returnAuthMsg>\\s*([^<]*)</returnAuthMsg>");

    private final MarketDataProperties.Provider config;
    private final ProviderHttp http;

    KrxDataPortalProvider(MarketDataProperties properties) {
        this.config = properties.providers().krx();
        this.http = new ProviderHttp(id(), config, DEFAULT_URL);
    }

    @Override
    public String id() {
        return "krx";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DAILY_PRICES, Capability.DAILY_PRICES_ALL_SYMBOLS);
    }

    @Override
    public boolean configured() {
        return config.apiKey() != null && !config.apiKey().isBlank();
    }

    private record Page(List<DailyBar> bars, int totalCount) {
    }

    @Override
    public List<DailyBar> dailyBarsOn(LocalDate day) {
        return fetch(ProviderHttp.params("basDt", day.format(BASIC)));
    }

    @Override
    public List<DailyBar> dailyBars(String code, LocalDate from, LocalDate to) {
        List<DailyBar> bars = fetch(ProviderHttp.params("likeSrtnCd", code, "beginBasDt", from.format(BASIC),
                "endBasDt", to.plusDays(1).format(BASIC)));
        return bars.stream().filter(b -> b.code().equals(code)).sorted(java.util.Comparator.comparing(DailyBar::date)).toList();
    }

    private List<DailyBar> fetch(Map<String, String> filter) {
        List<DailyBar> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, String> p = ProviderHttp.params("serviceKey", config.apiKey() == null ? "" : config.apiKey(),
                    "resultType", "json", "numOfRows", String.valueOf(PAGE_SIZE), "pageNo", String.valueOf(page));
            p.putAll(filter);
            Page result = http.get("/getStockPriceInfo", p, Map.of(), this::parse);
            out.addAll(result.bars());
            if (result.bars().isEmpty() || (long) page * PAGE_SIZE >= result.totalCount()) return out;
        }
    }

    private Page parse(String body) {
        String text = body.stripLeading();
        if (text.startsWith("<")) {
            Matcher code = XML_CODE.matcher(text), msg = XML_MSG.matcher(text);
            String c = code.find() ? code.group(1) : null;
            String m = msg.find() ? msg.group(1).trim() : "error";
            throw new ProviderException(id(), c, m, "22".equals(c));
        }
        JsonNode root = JSON.readTree(text);
        JsonNode header = root.path("response").path("header");
        String resultCode = header.path("resultCode").asString("");
        if (!"00".equals(resultCode)) {
            throw new ProviderException(id(), resultCode.isEmpty() ? null : resultCode,
                    header.path("resultMsg").asString("unexpected response without resultCode"), "22".equals(resultCode));
        }
        JsonNode body2 = root.path("response").path("body");
        int total = body2.path("totalCount").asInt(0);
        JsonNode items = body2.path("items");
        JsonNode list = items.isObject() ? items.path("item") : null; // an empty result has "items": ""
        List<DailyBar> bars = new ArrayList<>();
        if (list != null && list.isObject()) list = JSON.createArrayNode().add(list); // a single item is an object
        if (list != null && list.isArray()) {
            for (JsonNode it : list) {
                bars.add(new DailyBar(it.path("srtnCd").asString(), it.path("itmsNm").asString(), it.path("mrktCtg").asString(),
                        LocalDate.parse(it.path("basDt").asString(), BASIC), number(it, "mkp"), number(it, "hipr"),
                        number(it, "lopr"), number(it, "clpr"), number(it, "trqu")));
            }
        }
        return new Page(bars, total);
    }

    private double number(JsonNode item, String field) {
        String s = item.path(field).asString("").replace(",", "").trim();
        if (s.isEmpty()) throw new ProviderException(id(), null, "item without " + field, false);
        return Double.parseDouble(s);
    }
}
