package io.stocklab.server.marketdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stocklab.engine.data.FundamentalItem;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each provider client against a local fake server answering in the provider's documented format. */
class ProviderConnectorsTest {
    static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    static MarketDataProperties props(String key, String secret) {
        MarketDataProperties.Provider p = new MarketDataProperties.Provider(server.baseUrl(), key, secret, Duration.ofSeconds(5), 3,
                Duration.ofMillis(10), Duration.ZERO);
        return new MarketDataProperties(new MarketDataProperties.Imports(null, null, null, 10), new MarketDataProperties.Quotes(Duration.ofSeconds(1)),
                new MarketDataProperties.Update(false, "-", "Asia/Seoul", List.of(), "krx-demo", List.of(), List.of()),
                new MarketDataProperties.Providers(p, p, p, p));
    }

    // ---------------------------------------------------------------------------------------------- KRX / data.go.kr

    static String krxItem(String code, String name, String close) {
        return "{\"basDt\":\"20240102\",\"srtnCd\":\"" + code + "\",\"isinCd\":\"KR7" + code + "003\",\"itmsNm\":\"" + name
                + "\",\"mrktCtg\":\"KOSPI\",\"clpr\":\"" + close + "\",\"vs\":\"100\",\"fltRt\":\"0.5\",\"mkp\":\"78200\","
                + "\"hipr\":\"79800\",\"lopr\":\"78000\",\"trqu\":\"17142847\",\"trPrc\":\"1356958007300\",\"lstgStCnt\":\"5969782550\","
                + "\"mrktTotAmt\":\"475194684980000\"}";
    }

    static String krxPage(int page, int total, String items) {
        return "{\"response\":{\"header\":{\"resultCode\":\"00\",\"resultMsg\":\"NORMAL SERVICE.\"},\"body\":{\"numOfRows\":1000,"
                + "\"pageNo\":" + page + ",\"totalCount\":" + total + ",\"items\":" + items + "}}}";
    }

    @Test
    void krxPagesThroughEveryStockOfTheDay() {
        StringBuilder page1 = new StringBuilder("{\"item\":[");
        for (int i = 0; i < 1000; i++) page1.append(i == 0 ? "" : ",").append(krxItem(String.format("%06d", i), "종목" + i, "79600"));
        page1.append("]}");
        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).withQueryParam("pageNo", equalTo("1"))
                .withQueryParam("basDt", equalTo("20240102")).withQueryParam("serviceKey", equalTo("k"))
                .willReturn(okJson(krxPage(1, 1001, page1.toString()))));
        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).withQueryParam("pageNo", equalTo("2"))
                .willReturn(okJson(krxPage(2, 1001, "{\"item\":" + krxItem("005930", "삼성전자", "79,600") + "}"))));
        List<MarketDataProvider.DailyBar> bars = new KrxDataPortalProvider(props("k", null)).dailyBarsOn(LocalDate.of(2024, 1, 2));
        assertThat(bars).hasSize(1001);
        MarketDataProvider.DailyBar last = bars.getLast();
        assertThat(last.code()).isEqualTo("005930");
        assertThat(last.name()).isEqualTo("삼성전자");
        assertThat(last.close()).isEqualTo(79600);
        assertThat(last.high()).isEqualTo(79800);
        assertThat(last.volume()).isEqualTo(17142847);
        server.verify(2, getRequestedFor(urlPathEqualTo("/getStockPriceInfo")));
    }

    @Test
    void krxEmptyDayAndErrors() {
        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).willReturn(okJson(krxPage(1, 0, "\"\""))));
        assertThat(new KrxDataPortalProvider(props("k", null)).dailyBarsOn(LocalDate.of(2024, 1, 1))).isEmpty();

        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>"
                        + "<returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30</returnReasonCode>"
                        + "</cmmMsgHeader></OpenAPI_ServiceResponse>")));
        assertThatThrownBy(() -> new KrxDataPortalProvider(props("bad", null)).dailyBarsOn(LocalDate.of(2024, 1, 2)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("SERVICE_KEY_IS_NOT_REGISTERED_ERROR")
                .extracting(e -> ((ProviderException) e).code()).isEqualTo("30");
        server.verify(1 + 1, getRequestedFor(urlPathEqualTo("/getStockPriceInfo"))); // not retried

        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).willReturn(okJson(
                "{\"response\":{\"header\":{\"resultCode\":\"10\",\"resultMsg\":\"INVALID_REQUEST_PARAMETER_ERROR\"}}}")));
        assertThatThrownBy(() -> new KrxDataPortalProvider(props("k", null)).dailyBarsOn(LocalDate.of(2024, 1, 2)))
                .hasMessageContaining("INVALID_REQUEST_PARAMETER_ERROR");
    }

    @Test
    void retriesServerErrorsWithBackoff() {
        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(krxPage(1, 1, "{\"item\":[" + krxItem("000660", "SK하이닉스", "140000") + "]}"))));
        assertThat(new KrxDataPortalProvider(props("k", null)).dailyBarsOn(LocalDate.of(2024, 1, 2))).hasSize(1);
        server.verify(2, getRequestedFor(urlPathEqualTo("/getStockPriceInfo")));
    }

    // ---------------------------------------------------------------------------------------------- KIS

    static String kisRow(String day, String close) {
        return "{\"stck_bsop_date\":\"" + day + "\",\"stck_clpr\":\"" + close + "\",\"stck_oprc\":\"70000\",\"stck_hgpr\":\"76000\","
                + "\"stck_lwpr\":\"69000\",\"acml_vol\":\"1234567\",\"acml_tr_pbmn\":\"0\",\"flng_cls_code\":\"00\","
                + "\"prtt_rate\":\"0.00\",\"mod_yn\":\"N\",\"prdy_vrss_sign\":\"2\",\"prdy_vrss\":\"100\",\"revl_issu_reas\":\"\"}";
    }

    @Test
    void kisTokenPagingAndRtCdErrors() {
        server.stubFor(post("/oauth2/tokenP").willReturn(okJson("{\"access_token\":\"tok\",\"access_token_token_expired\":"
                + "\"2030-01-01 00:00:00\",\"token_type\":\"Bearer\",\"expires_in\":86400}")));
        // page 1: the 2 newest bars up to the end date; page 2: the older one; then nothing
        server.stubFor(get(urlPathEqualTo(KisProvider.DAILY_PATH)).withQueryParam("FID_INPUT_DATE_2", equalTo("20240105"))
                .withHeader("authorization", equalTo("Bearer tok")).withHeader("tr_id", equalTo("FHKST03010100"))
                .willReturn(okJson("{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"정상처리 되었습니다.\",\"output1\":{\"hts_kor_isnm\":\"삼성전자\"},"
                        + "\"output2\":[" + kisRow("20240105", "75000") + "," + kisRow("20240104", "74000") + "]}")));
        server.stubFor(get(urlPathEqualTo(KisProvider.DAILY_PATH)).withQueryParam("FID_INPUT_DATE_2", equalTo("20240103"))
                .willReturn(okJson("{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"정상처리 되었습니다.\",\"output1\":{},"
                        + "\"output2\":[" + kisRow("20240103", "73000") + ",{}]}")));
        server.stubFor(get(urlPathEqualTo(KisProvider.DAILY_PATH)).withQueryParam("FID_INPUT_DATE_2", equalTo("20240102"))
                .willReturn(okJson("{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"ok\",\"output1\":{},\"output2\":[]}")));
        KisProvider kis = new KisProvider(props("app", "secret"));
        List<MarketDataProvider.DailyBar> bars = kis.dailyBars("005930", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 5));
        assertThat(bars).extracting(MarketDataProvider.DailyBar::close).containsExactly(73000.0, 74000.0, 75000.0);
        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/tokenP")));

        // HTTP 200 with rt_cd 1 is an error, not data
        server.stubFor(get(urlPathEqualTo(KisProvider.DAILY_PATH)).withQueryParam("FID_INPUT_ISCD", equalTo("999999"))
                .willReturn(okJson("{\"rt_cd\":\"1\",\"msg_cd\":\"APBK0919\",\"msg1\":\"조회할 자료가 없습니다.\",\"output2\":[]}")));
        assertThatThrownBy(() -> kis.dailyBars("999999", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 5)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("APBK0919").hasMessageContaining("조회할 자료가 없습니다");
    }

    @Test
    void kisRateLimitIsRetried() {
        server.stubFor(post("/oauth2/tokenP").willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":86400}")));
        server.stubFor(get(urlPathEqualTo(KisProvider.DAILY_PATH)).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(KisProvider.DAILY_PATH)).inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"ok\",\"output2\":[" + kisRow("20240105", "75000") + "]}")));
        List<MarketDataProvider.DailyBar> bars = new KisProvider(props("app", "secret"))
                .dailyBars("005930", LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 5));
        assertThat(bars).hasSize(1);
        server.verify(2, getRequestedFor(urlPathEqualTo(KisProvider.DAILY_PATH)));
    }

    // ---------------------------------------------------------------------------------------------- Alpha Vantage

    @Test
    void alphaVantageDailySeriesAndErrors() {
        server.stubFor(get(urlPathEqualTo("/query")).withQueryParam("symbol", equalTo("IBM")).withQueryParam("function", equalTo("TIME_SERIES_DAILY"))
                .willReturn(okJson("{\"Meta Data\":{\"1. Information\":\"Daily Prices (open, high, low, close) and Volumes\",\"2. Symbol\":\"IBM\","
                        + "\"3. Last Refreshed\":\"2024-01-05\",\"4. Output Size\":\"Full size\",\"5. Time Zone\":\"US/Eastern\"},"
                        + "\"Time Series (Daily)\":{\"2024-01-05\":{\"1. open\":\"160.0000\",\"2. high\":\"161.5000\",\"3. low\":\"159.2000\","
                        + "\"4. close\":\"160.8600\",\"5. volume\":\"4211000\"},\"2024-01-04\":{\"1. open\":\"158.0\",\"2. high\":\"160.0\","
                        + "\"3. low\":\"157.5\",\"4. close\":\"159.9\",\"5. volume\":\"3000000\"}}}")));
        AlphaVantageProvider av = new AlphaVantageProvider(props("demo", null));
        List<MarketDataProvider.DailyBar> bars = av.dailyBars("IBM", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
        assertThat(bars).extracting(MarketDataProvider.DailyBar::close).containsExactly(159.9, 160.86);

        server.stubFor(get(urlPathEqualTo("/query")).withQueryParam("symbol", equalTo("NOPE"))
                .willReturn(okJson("{\"Error Message\":\"Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY.\"}")));
        assertThatThrownBy(() -> av.dailyBars("NOPE", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("Invalid API call");

        server.stubFor(get(urlPathEqualTo("/query")).withQueryParam("symbol", equalTo("BUSY"))
                .willReturn(okJson("{\"Note\":\"Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day.\"}")));
        assertThatThrownBy(() -> av.dailyBars("BUSY", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("call frequency");
        server.verify(3, getRequestedFor(urlPathEqualTo("/query")).withQueryParam("symbol", equalTo("BUSY"))); // retried, then given up
    }

    // ---------------------------------------------------------------------------------------------- OpenDART

    @Test
    void openDartDisclosuresPageAndStatusCodes() {
        server.stubFor(get(urlPathEqualTo("/list.json")).withQueryParam("page_no", equalTo("1")).withQueryParam("crtfc_key", equalTo("key"))
                .willReturn(okJson("{\"status\":\"000\",\"message\":\"정상\",\"page_no\":1,\"page_count\":100,\"total_count\":2,\"total_page\":2,"
                        + "\"list\":[{\"corp_code\":\"00126380\",\"corp_name\":\"삼성전자\",\"stock_code\":\"005930\",\"corp_cls\":\"Y\","
                        + "\"report_nm\":\"분기보고서 (2023.09)\",\"rcept_no\":\"20231114000123\",\"flr_nm\":\"삼성전자\",\"rcept_dt\":\"20231114\",\"rm\":\"\"}]}")));
        server.stubFor(get(urlPathEqualTo("/list.json")).withQueryParam("page_no", equalTo("2"))
                .willReturn(okJson("{\"status\":\"000\",\"message\":\"정상\",\"page_no\":2,\"page_count\":100,\"total_count\":2,\"total_page\":2,"
                        + "\"list\":[{\"corp_code\":\"00000001\",\"corp_name\":\"비상장사\",\"stock_code\":\" \",\"corp_cls\":\"E\","
                        + "\"report_nm\":\"감사보고서\",\"rcept_no\":\"20231115000001\",\"flr_nm\":\"x\",\"rcept_dt\":\"20231115\",\"rm\":\"\"}]}")));
        OpenDartProvider dart = new OpenDartProvider(props("key", null));
        List<MarketDataProvider.Disclosure> list = dart.disclosures(LocalDate.of(2023, 11, 1), LocalDate.of(2023, 11, 30));
        assertThat(list).extracting(MarketDataProvider.Disclosure::stockCode).containsExactly("005930", null);
        assertThat(list.getFirst().receiptDate()).isEqualTo(LocalDate.of(2023, 11, 14));

        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/list.json")).willReturn(okJson("{\"status\":\"013\",\"message\":\"조회된 데이타가 없습니다.\"}")));
        assertThat(dart.disclosures(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 1))).isEmpty();
        server.stubFor(get(urlPathEqualTo("/list.json")).willReturn(okJson("{\"status\":\"010\",\"message\":\"등록되지 않은 키입니다.\"}")));
        assertThatThrownBy(() -> dart.disclosures(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 1)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("등록되지 않은 키").extracting(e -> ((ProviderException) e).code()).isEqualTo("010");
    }

    @Test
    void openDartStatementPrefersConsolidatedAccounts() {
        String row = "{\"rcept_no\":\"20231114000123\",\"reprt_code\":\"11014\",\"bsns_year\":\"2023\",\"corp_code\":\"00126380\","
                + "\"stock_code\":\"005930\",\"fs_div\":\"%s\",\"fs_nm\":\"x\",\"sj_div\":\"BS\",\"sj_nm\":\"재무상태표\",\"account_nm\":\"%s\","
                + "\"thstrm_nm\":\"제 55 기 3분기말\",\"thstrm_dt\":\"2023.09.30 현재\",\"thstrm_amount\":\"%s\",\"currency\":\"KRW\"}";
        server.stubFor(get(urlPathEqualTo("/fnlttSinglAcnt.json")).withQueryParam("reprt_code", equalTo("11014"))
                .willReturn(okJson("{\"status\":\"000\",\"message\":\"정상\",\"list\":["
                        + String.format(row, "OFS", "자산총계", "1") + ","
                        + String.format(row, "CFS", "자산총계", "455,901,770,000,000") + ","
                        + String.format(row, "CFS", "당기순이익", "5,844,000,000,000") + ","
                        + String.format(row, "OFS", "유동부채", "-") + "]}")));
        MarketDataProvider.Statement s = new OpenDartProvider(props("key", null)).statement("00126380", 2023, "11014");
        assertThat(s.periodEnd()).isEqualTo(LocalDate.of(2023, 9, 30));
        assertThat(s.stockCode()).isEqualTo("005930");
        assertThat(s.items()).containsEntry(FundamentalItem.TOTAL_ASSETS, 455_901_770_000_000.0)
                .containsEntry(FundamentalItem.NET_INCOME, 5_844_000_000_000.0).doesNotContainKey(FundamentalItem.CURRENT_LIABILITIES);
    }
}
