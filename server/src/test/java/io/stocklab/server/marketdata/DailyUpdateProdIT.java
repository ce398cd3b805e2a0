package io.stocklab.server.marketdata;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.stocklab.server.support.ProdIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduled daily update on PostgreSQL with the KRX (data.go.kr) and OpenDART providers served by a local fake
 * server: prices and fundamentals land in the database, a holiday does nothing, and while another node holds the
 * ShedLock lock (or a concurrent run on this one) nothing is fetched or stored twice.
 */
@ProdIntegrationTest
class DailyUpdateProdIT {
    static final WireMockServer FAKE = new WireMockServer(options().dynamicPort());
    static final String DATASET = "upd-" + UUID.randomUUID().toString().substring(0, 8);
    static final LocalDate DAY = LocalDate.of(2024, 1, 2); // a Tuesday
    static final LocalDate HOLIDAY = LocalDate.of(2024, 2, 9);

    static {
        FAKE.start();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry r) {
        r.add("stocklab.marketdata.providers.krx.base-url", FAKE::baseUrl);
        r.add("stocklab.marketdata.providers.krx.api-key", () -> "krx-key");
        r.add("stocklab.marketdata.providers.opendart.base-url", FAKE::baseUrl);
        r.add("stocklab.marketdata.providers.opendart.api-key", () -> "dart-key");
        r.add("stocklab.marketdata.update.providers", () -> "krx,opendart");
        r.add("stocklab.marketdata.update.dataset", () -> DATASET);
        r.add("stocklab.marketdata.update.holidays", () -> HOLIDAY.toString());
    }

    @AfterAll
    static void stop() {
        FAKE.stop();
    }

    @Autowired
    DailyUpdateService updates;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    static void stubProviders() {
        String items = "{\"item\":[" + ProviderConnectorsTest.krxItem("005930", "삼성전자", "79600") + ","
                + ProviderConnectorsTest.krxItem("000660", "SK하이닉스", "141,000") + "]}";
        FAKE.stubFor(get(urlPathEqualTo("/getStockPriceInfo")).withQueryParam("basDt", equalTo("20240102"))
                .withQueryParam("serviceKey", equalTo("krx-key")).willReturn(okJson(ProviderConnectorsTest.krxPage(1, 2, items))));
        FAKE.stubFor(get(urlPathEqualTo("/list.json")).withQueryParam("crtfc_key", equalTo("dart-key"))
                .withQueryParam("bgn_de", equalTo("20240102")).willReturn(okJson("{\"status\":\"000\",\"message\":\"정상\",\"page_no\":1,"
                        + "\"page_count\":100,\"total_count\":3,\"total_page\":1,\"list\":["
                        + "{\"corp_code\":\"00126380\",\"corp_name\":\"삼성전자\",\"stock_code\":\"005930\",\"corp_cls\":\"Y\","
                        + "\"report_nm\":\"[기재정정]분기보고서 (2023.09)\",\"rcept_no\":\"20240102000123\",\"flr_nm\":\"삼성전자\",\"rcept_dt\":\"20240102\",\"rm\":\"\"},"
                        + "{\"corp_code\":\"00164779\",\"corp_name\":\"SK하이닉스\",\"stock_code\":\"000660\",\"corp_cls\":\"Y\","
                        + "\"report_nm\":\"주요사항보고서(자기주식취득결정)\",\"rcept_no\":\"20240102000456\",\"flr_nm\":\"x\",\"rcept_dt\":\"20240102\",\"rm\":\"\"},"
                        + "{\"corp_code\":\"00999999\",\"corp_name\":\"없는회사\",\"stock_code\":\"999990\",\"corp_cls\":\"K\","
                        + "\"report_nm\":\"분기보고서 (2023.09)\",\"rcept_no\":\"20240102000789\",\"flr_nm\":\"x\",\"rcept_dt\":\"20240102\",\"rm\":\"\"}]}")));
        String row = "{\"rcept_no\":\"20240102000123\",\"reprt_code\":\"11014\",\"bsns_year\":\"2023\",\"corp_code\":\"%s\","
                + "\"stock_code\":\"%s\",\"fs_div\":\"CFS\",\"fs_nm\":\"연결재무제표\",\"sj_div\":\"BS\",\"sj_nm\":\"재무상태표\",\"account_nm\":\"%s\","
                + "\"thstrm_nm\":\"제 55 기 3분기말\",\"thstrm_dt\":\"2023.09.30 현재\",\"thstrm_amount\":\"%s\",\"currency\":\"KRW\"}";
        FAKE.stubFor(get(urlPathEqualTo("/fnlttSinglAcnt.json")).withQueryParam("corp_code", equalTo("00126380"))
                .withQueryParam("bsns_year", equalTo("2023")).withQueryParam("reprt_code", equalTo("11014"))
                .willReturn(okJson("{\"status\":\"000\",\"message\":\"정상\",\"list\":["
                        + String.format(row, "00126380", "005930", "자산총계", "455,901,770,000,000") + ","
                        + String.format(row, "00126380", "005930", "매출액", "67,404,652,000,000") + "]}")));
        FAKE.stubFor(get(urlPathEqualTo("/fnlttSinglAcnt.json")).withQueryParam("corp_code", equalTo("00999999"))
                .willReturn(okJson("{\"status\":\"000\",\"message\":\"정상\",\"list\":["
                        + String.format(row, "00999999", "999990", "자산총계", "1,000") + "]}")));
    }

    long prices() {
        return jdbc.queryForObject("SELECT count(*) FROM daily_prices p JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ?",
                Long.class, DATASET);
    }

    long runsOn(LocalDate day) {
        return jdbc.queryForObject("SELECT count(*) FROM market_update_runs WHERE market_date = ?", Long.class, day);
    }

    void releaseTheLock() {
        jdbc.update("UPDATE shedlock SET lock_until = CURRENT_TIMESTAMP - INTERVAL '1 second' WHERE name = ?",
                DailyUpdateService.LOCK_NAME);
    }

    @Test
    void updatesOncePerClusterOnMarketDaysOnly() throws Exception {
        FAKE.resetAll();
        stubProviders();

        // a holiday: nothing fetched, nothing stored, no run recorded
        DailyUpdateService.Outcome holiday = updates.runLocked(HOLIDAY);
        assertThat(holiday.ran()).isFalse();
        assertThat(FAKE.getAllServeEvents()).isEmpty();
        assertThat(runsOn(HOLIDAY)).isZero();

        // another node holds the lock (its own lock provider on the same database): this node does nothing
        JdbcTemplateLockProvider otherNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
        Optional<SimpleLock> held = otherNode.lock(new LockConfiguration(Instant.now(), DailyUpdateService.LOCK_NAME,
                Duration.ofMinutes(10), Duration.ZERO));
        assertThat(held).isPresent();
        DailyUpdateService.Outcome blocked = updates.runLocked(DAY);
        assertThat(blocked.ran()).isFalse();
        assertThat(blocked.reason()).contains("another node");
        assertThat(FAKE.getAllServeEvents()).isEmpty();
        assertThat(runsOn(DAY)).isZero();
        held.get().unlock();

        // two triggers at once (the scheduler on two nodes): exactly one runs
        CyclicBarrier start = new CyclicBarrier(2);
        List<DailyUpdateService.Outcome> outcomes;
        try (ExecutorService twoNodes = Executors.newFixedThreadPool(2)) {
            List<CompletableFuture<DailyUpdateService.Outcome>> both = List.of(
                    CompletableFuture.supplyAsync(() -> awaitThen(start, () -> updates.runLocked(DAY)), twoNodes),
                    CompletableFuture.supplyAsync(() -> awaitThen(start, () -> updates.runLocked(DAY)), twoNodes));
            outcomes = both.stream().map(CompletableFuture::join).toList();
        }
        assertThat(outcomes).filteredOn(DailyUpdateService.Outcome::ran).hasSize(1);
        DailyUpdateService.Outcome ran = outcomes.stream().filter(DailyUpdateService.Outcome::ran).findFirst().orElseThrow();
        assertThat(ran.runs()).extracting(DailyUpdateService.Run::provider, DailyUpdateService.Run::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("krx", "SUCCEEDED"), org.assertj.core.groups.Tuple.tuple("opendart", "SUCCEEDED"));
        FAKE.verify(1, getRequestedFor(urlPathEqualTo("/getStockPriceInfo")));
        FAKE.verify(1, getRequestedFor(urlPathEqualTo("/list.json")));

        // the prices are in the database
        assertThat(prices()).isEqualTo(2);
        Map<String, Object> samsung = jdbc.queryForMap("SELECT a.name, p.open, p.high, p.low, p.close, p.volume FROM daily_prices p "
                + "JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ? AND a.code = '005930' AND p.trade_date = ?", DATASET, DAY);
        assertThat(samsung.get("name")).isEqualTo("삼성전자");
        assertThat(((Number) samsung.get("close")).doubleValue()).isEqualTo(79600);
        assertThat(((Number) samsung.get("high")).doubleValue()).isEqualTo(79800);
        assertThat(((Number) samsung.get("volume")).doubleValue()).isEqualTo(17142847);
        assertThat(jdbc.queryForObject("SELECT p.close FROM daily_prices p JOIN assets a ON a.id = p.asset_id "
                + "WHERE a.dataset_id = ? AND a.code = '000660'", Double.class, DATASET)).isEqualTo(141000);

        // and the OpenDART quarterly report of a known symbol became a fundamentals row disclosed that day
        List<Map<String, Object>> f = jdbc.queryForList("SELECT f.period_end, f.disclosed, f.total_assets, f.revenue, f.net_income "
                + "FROM fundamentals f JOIN assets a ON a.id = f.asset_id WHERE a.dataset_id = ?", DATASET);
        assertThat(f).hasSize(1);
        assertThat(f.getFirst().get("period_end").toString()).isEqualTo("2023-09-30");
        assertThat(f.getFirst().get("disclosed").toString()).isEqualTo("2024-01-02");
        assertThat(((Number) f.getFirst().get("total_assets")).doubleValue()).isEqualTo(455_901_770_000_000.0);
        assertThat(((Number) f.getFirst().get("revenue")).doubleValue()).isEqualTo(67_404_652_000_000.0);
        assertThat(f.getFirst().get("net_income")).isNull();
        assertThat(jdbc.queryForList("SELECT provider || ':' || status FROM market_update_runs WHERE market_date = ? ORDER BY provider",
                String.class, DAY)).containsExactly("krx:SUCCEEDED", "opendart:SUCCEEDED");
        long version = jdbc.queryForObject("SELECT version FROM datasets WHERE id = ?", Long.class, DATASET);
        assertThat(version).isEqualTo(2); // one bump for the prices, one for the fundamentals

        // right after a run the lock is still held (at least a minute): a late trigger does nothing
        assertThat(updates.runLocked(DAY).ran()).isFalse();
        FAKE.verify(1, getRequestedFor(urlPathEqualTo("/getStockPriceInfo")));

        // once released, the same day again fetches again but changes nothing (upsert)
        releaseTheLock();
        DailyUpdateService.Outcome again = updates.runLocked(DAY);
        assertThat(again.ran()).isTrue();
        assertThat(again.runs()).extracting(DailyUpdateService.Run::rows).containsExactly(0L, 0L);
        assertThat(prices()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT version FROM datasets WHERE id = ?", Long.class, DATASET)).isEqualTo(version);
        releaseTheLock();
    }

    static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> work) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return work.get();
    }
}
