package io.stocklab.server.marketdata;

import static io.stocklab.server.marketdata.Uploads.gzip;
import static io.stocklab.server.marketdata.Uploads.upload;
import static io.stocklab.server.marketdata.Uploads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Imports and the market API on the embedded profile (H2), with small upload limits so the size cases run fast:
 * every bad file gets a clear problem, stores nothing and loses nothing already stored.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
        "stocklab.marketdata.imports.max-upload-size=8MB",
        "stocklab.marketdata.imports.max-decompressed-size=4MB",
        "stocklab.quotas.plans.FREE.api-calls-per-minute=100000"})
class MarketDataLocalIT {
    static final String HEADER = "date,open,high,low,close,volume,symbol\n";
    static final String GOOD = HEADER
            + "2024-01-02,100,110,95,105,1000,AAA\n"
            + "2024-01-03,105,112,101,111,1500,AAA\n"
            + "2024-01-02,50,55,49,52,300,BBB\n"
            + "2024-01-03,52,53,50,51,200,BBB\n";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DbDatasets datasets;

    Api api;
    String admin;
    String dataset;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = Uploads.adminToken(api, LocalTestProperties.ADMIN_EMAIL);
        dataset = "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, String> fields(String kind, String... more) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", kind);
        f.put("dataset", dataset);
        f.put("createAssets", "true");
        for (int i = 0; i < more.length; i += 2) f.put(more[i], more[i + 1]);
        return f;
    }

    private long priceRows() {
        return jdbc.queryForObject("SELECT count(*) FROM daily_prices p JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ?",
                Long.class, dataset);
    }

    private void importGood() {
        Api.Response r = upload(api, admin, fields("prices"), "good.csv", utf8(GOOD));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** A bad file: the expected problem, nothing stored, the earlier import intact. */
    private Api.Response assertRefused(byte[] content, String fileName, int status, String type, String detailPart, String... more) {
        importGood();
        long before = priceRows();
        Map<String, Object> snapshotBefore = jdbc.queryForMap("SELECT version FROM datasets WHERE id = ?", dataset);
        Api.Response r = upload(api, admin, fields("prices", more), fileName, content);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo(type);
        assertThat(r.json().path("detail").asString()).containsIgnoringCase(detailPart);
        assertThat(priceRows()).as("nothing stored, nothing lost").isEqualTo(before);
        assertThat(jdbc.queryForMap("SELECT version FROM datasets WHERE id = ?", dataset)).isEqualTo(snapshotBefore);
        return r;
    }

    @Test
    void theBundledSampleLoadIsAnImportJobLikeAnyOther() {
        datasets.ensureSeeded(DbDatasets.SP500);
        long bars = jdbc.queryForObject("SELECT count(*) FROM daily_prices p JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ?",
                Long.class, DbDatasets.SP500);
        List<Map<String, Object>> jobs = jdbc.queryForList("SELECT id FROM import_jobs WHERE dataset_id = ?", DbDatasets.SP500);
        assertThat(jobs).hasSize(1);
        JsonNode job = api.get("/api/v1/data/imports/" + jobs.getFirst().get("id"), admin).json();
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("kind").asString()).isEqualTo("prices");
        assertThat(job.path("fileName").asString()).isEqualTo("sp500_daily_2013_2018.csv.gz");
        assertThat(job.path("rowsInserted").asLong()).isEqualTo(bars).isGreaterThan(600_000);
        assertThat(job.path("rowsRead").asLong()).isEqualTo(bars + job.path("rowsRejected").asLong());
        assertThat(job.path("bytesRead").asLong()).isPositive();
        assertThat(job.path("datasetVersion").asLong()).isEqualTo(
                jdbc.queryForObject("SELECT version FROM datasets WHERE id = ?", Long.class, DbDatasets.SP500));
        // seeding again (a later start) finds the data and imports nothing
        datasets.ensureSeeded(DbDatasets.SP500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_jobs WHERE dataset_id = ?", Long.class, DbDatasets.SP500)).isEqualTo(1);
    }

    @Test
    void importsReportsAndReimportsWithoutChanges() {
        Api.Response r = upload(api, admin, fields("prices"), "good.csv", utf8(GOOD));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode job = r.json();
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("rowsRead").asLong()).isEqualTo(4);
        assertThat(job.path("rowsInserted").asLong()).isEqualTo(4);
        assertThat(priceRows()).isEqualTo(4);
        long version = job.path("datasetVersion").asLong();

        Api.Response again = upload(api, admin, fields("prices"), "good.csv", utf8(GOOD));
        assertThat(again.json().path("rowsUnchanged").asLong()).isEqualTo(4);
        assertThat(again.json().path("rowsInserted").asLong()).isZero();
        assertThat(again.json().path("datasetVersion").isMissingNode() || again.json().path("datasetVersion").isNull()).isTrue();
        assertThat(jdbc.queryForObject("SELECT version FROM datasets WHERE id = ?", Long.class, dataset)).isEqualTo(version);

        // one changed row, one new
        String changed = HEADER + "2024-01-03,105,112,101,112,1500,AAA\n2024-01-04,111,115,110,114,900,AAA\n";
        JsonNode third = upload(api, admin, fields("prices"), "changed.csv", utf8(changed)).json();
        assertThat(third.path("rowsUpdated").asLong()).isEqualTo(1);
        assertThat(third.path("rowsInserted").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT close FROM daily_prices p JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ? "
                + "AND a.code = 'AAA' AND p.trade_date = DATE '2024-01-03'", Double.class, dataset)).isEqualTo(112.0);

        // GET the job
        Api.Response got = api.get("/api/v1/data/imports/" + third.path("id").asString(), admin);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("rowsUpdated").asLong()).isEqualTo(1);
    }

    @Test
    void rejectsBadRowsWithLineAndReasonAndKeepsTheGoodOnes() {
        String file = HEADER
                + "2024-01-02,100,110,95,105,1000,AAA\n"   // 2 ok
                + "2024-01-03,,110,95,105,1000,AAA\n"      // 3 missing open
                + "2024-01-04,100,90,95,105,1000,AAA\n"    // 4 high < low
                + "2024-01-05,-1,110,95,105,1000,AAA\n"    // 5 negative
                + "2024-01-06,100,110,95,105,-5,AAA\n"     // 6 negative volume
                + "2024-13-45,100,110,95,105,1000,AAA\n"   // 7 date
                + "2024-01-02,100,110,95,105,1000,AAA\n"   // 8 duplicate
                + "2024-01-09,1o0,110,95,105,1000,AAA\n";  // 9 unparseable
        JsonNode job = upload(api, admin, fields("prices"), "rows.csv", utf8(file)).json();
        assertThat(job.path("rowsRead").asLong()).isEqualTo(8);
        assertThat(job.path("rowsInserted").asLong()).isEqualTo(1);
        assertThat(job.path("rowsRejected").asLong()).isEqualTo(7);
        List<String> rejections = new ArrayList<>();
        for (JsonNode r : job.path("rejections")) rejections.add(r.path("line").asLong() + ":" + r.path("reason").asString());
        assertThat(rejections).hasSize(7);
        assertThat(rejections.get(0)).startsWith("3:missing open");
        assertThat(rejections.get(1)).startsWith("4:high < low");
        assertThat(rejections.get(2)).startsWith("5:negative open");
        assertThat(rejections.get(3)).startsWith("6:negative volume");
        assertThat(rejections.get(4)).startsWith("7:").contains("date");
        assertThat(rejections.get(5)).startsWith("8:duplicate");
        assertThat(rejections.get(6)).startsWith("9:unparseable open");

        // unknown asset without createAssets; strict: nothing stored at all
        Map<String, String> f = fields("prices", "createAssets", "false", "strict", "true");
        String unknown = HEADER + "2024-02-01,1,1,1,1,1,AAA\n2024-02-01,1,1,1,1,1,ZZZ\n";
        Api.Response strict = upload(api, admin, f, "unknown.csv", utf8(unknown));
        assertThat(strict.status()).isEqualTo(422);
        assertThat(strict.problemType()).isEqualTo("import-rejected-rows");
        assertThat(strict.json().path("detail").asString()).contains("line 3").contains("unknown asset 'ZZZ'");
        assertThat(priceRows()).isEqualTo(1);
    }

    @Test
    void emptyFile() {
        assertRefused(new byte[0], "empty.csv", 422, "invalid-import-file", "empty");
    }

    @Test
    void headerOnly() {
        assertRefused(utf8(HEADER), "header.csv", 422, "invalid-import-file", "no data rows");
    }

    @Test
    void notAPriceFile() {
        assertRefused(utf8("a,b,c\n1,2,3\n"), "other.csv", 422, "invalid-import-file", "no 'date' column");
    }

    @Test
    void unbalancedQuotes() {
        assertRefused(utf8(HEADER + "2024-03-01,1,2,1,1,1,\"AAA\n"), "quotes.csv", 422, "invalid-import-file", "unbalanced quotes");
    }

    @Test
    void cp949Text() {
        byte[] korean = ("일자,시가,고가,저가,종가,거래량,종목\n2024-03-01,1,2,1,1,1,삼성전자\n").getBytes(Charset.forName("x-windows-949"));
        assertRefused(korean, "krx.csv", 422, "unsupported-encoding", "CP949");
    }

    @Test
    void gzipBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(utf8(HEADER));
            byte[] zeros = new byte[1 << 20];
            java.util.Arrays.fill(zeros, (byte) '1');
            for (int i = 0; i < 64; i++) gz.write(zeros); // 64 MB of '1' in ~64 KB
        }
        assertThat(out.size()).isLessThan(1 << 20);
        assertRefused(out.toByteArray(), "bomb.csv.gz", 413, "decompressed-too-large", "gzip bomb");
    }

    @Test
    void corruptGzip() {
        byte[] g = gzip(utf8(GOOD));
        byte[] cut = java.util.Arrays.copyOf(g, g.length / 2);
        assertRefused(cut, "cut.csv.gz", 422, "invalid-import-file", "gzip");
    }

    @Test
    void pathInFileName() {
        assertRefused(utf8(GOOD), "../../etc/passwd", 422, "invalid-import-file", "file name");
    }

    @Test
    void bomCrlfAndGzipAreAccepted() {
        String crlf = GOOD.replace("\n", "\r\n");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] content = new byte[bom.length + crlf.length()];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(utf8(crlf), 0, content, 3, crlf.length());
        Api.Response r = upload(api, admin, fields("prices"), "bom.csv.gz", gzip(content));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("rowsInserted").asLong()).isEqualTo(4);
        assertThat(r.json().path("rowsRejected").asLong()).isZero();
        // CP949 with the charset named is transcoded
        String assets = "code,name,market,sector\nAAA,삼성전자,KOSPI,IT\n";
        Api.Response a = upload(api, admin, fields("assets", "charset", "CP949"), "assets.csv",
                assets.getBytes(Charset.forName("x-windows-949")));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT name FROM assets WHERE dataset_id = ? AND code = 'AAA'", String.class, dataset))
                .isEqualTo("삼성전자");
    }

    @Test
    void uploadAboveTheLimitIsRefusedWhileStreaming() throws Exception {
        importGood();
        long before = priceRows();
        // a declared 2 GB body: refused from its length, before the body is read
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(20_000);
            String boundary = "b0undary";
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/data/imports?kind=prices&dataset=" + dataset + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + admin + "\r\nX-Forwarded-For: " + api.clientIp() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 2147483648\r\n\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n" + HEADER)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
        // a chunked body without a length: cut off at the limit
        byte[] big = new byte[12 << 20];
        java.util.Arrays.fill(big, (byte) '1');
        System.arraycopy(utf8(HEADER), 0, big, 0, HEADER.length());
        Api.Response r = upload(api, admin, fields("prices"), "big.csv", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(priceRows()).isEqualTo(before);
    }

    @Test
    void importsAreForAdminsOnly() {
        String email = api.register("md-user");
        String user = api.login(email).path("accessToken").asString();
        Api.Response r = upload(api, user, fields("prices"), "good.csv", utf8(GOOD));
        assertThat(r.status()).isEqualTo(403);
        assertThat(priceRows()).isZero();
    }

    @Test
    void otherFormats() {
        String wide = "date,AAA,BBB\n2024-01-02,10,20\n2024-01-03,11,\n";
        JsonNode w = upload(api, admin, fields("prices-wide"), "wide.csv", utf8(wide)).json();
        assertThat(w.path("rowsInserted").asLong()).as(w.toString()).isEqualTo(3);
        String yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-04,10,12,9,11,5.5,100\n2024-01-05,null,null,null,null,null,null\n";
        JsonNode y = upload(api, admin, fields("prices-yahoo", "symbol", "CCC"), "CCC.csv", utf8(yahoo)).json();
        assertThat(y.path("rowsInserted").asLong()).as(y.toString()).isEqualTo(1);
        assertThat(y.path("rowsRejected").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT adj_factor FROM daily_prices p JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ? "
                + "AND a.code = 'CCC'", Double.class, dataset)).isEqualTo(0.5);
        String fundamentals = "symbol,period_end,disclosed,revenue,net_income\nAAA,2023-12-31,2024-03-10,1000,100\nAAA,2023-12-31,2023-12-01,1,1\n";
        JsonNode f = upload(api, admin, fields("fundamentals"), "f.csv", utf8(fundamentals)).json();
        assertThat(f.path("rowsInserted").asLong()).as(f.toString()).isEqualTo(1);
        assertThat(f.path("rejections").get(0).path("reason").asString()).contains("disclosed before period_end");
        String bench = "date,symbol,close\n2024-01-02,KOSPI,2600\n2024-01-03,KOSPI,2610\n";
        JsonNode b = upload(api, admin, fields("benchmarks"), "b.csv", utf8(bench)).json();
        assertThat(b.path("rowsInserted").asLong()).isEqualTo(2);
    }

    @Test
    void marketApiServesTheImportedPanel() throws Exception {
        importGood();
        String assets = "code,name,market,sector\nAAA,삼성전자,KOSPI,IT\nBBB,카카오,KOSDAQ,Internet\n";
        assertThat(upload(api, admin, fields("assets"), "a.csv", utf8(assets)).status()).isEqualTo(201);
        String version = waitForVersion();
        String q = "?dataset=" + dataset;

        JsonNode page1 = api.get("/api/v1/market/symbols" + q + "&limit=1", admin).json();
        assertThat(page1.path("items").get(0).path("code").asString()).isEqualTo("AAA");
        String cursor = page1.path("nextCursor").asString();
        JsonNode page2 = api.get("/api/v1/market/symbols" + q + "&limit=1&cursor=" + cursor, admin).json();
        assertThat(page2.path("items").get(0).path("code").asString()).isEqualTo("BBB");
        assertThat(page2.path("nextCursor").isMissingNode() || page2.path("nextCursor").isNull()).isTrue();
        JsonNode search = api.get("/api/v1/market/symbols" + q + "&q=" + java.net.URLEncoder.encode("카카오", StandardCharsets.UTF_8), admin).json();
        assertThat(search.path("items")).hasSize(1);
        assertThat(search.path("items").get(0).path("code").asString()).isEqualTo("BBB");

        Api.Response history = api.get("/api/v1/market/symbols/AAA/history" + q + "&expr=sma(close,2)&expr=close*2", admin);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().path("close").toString()).isEqualTo("[105.0,111.0]");
        assertThat(history.json().path("series").path("close*2").toString()).isEqualTo("[210.0,222.0]");
        assertThat(history.json().path("series").path("sma(close,2)").get(1).asDouble()).isEqualTo(108.0);
        String etag = history.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(history.header("Cache-Control")).contains("max-age");
        Api.Response notModified = api.raw("GET", "/api/v1/market/symbols/AAA/history" + q + "&expr=sma(close,2)&expr=close*2", null, null,
                Map.of("Authorization", "Bearer " + admin, "If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);

        Api.Response single = api.get("/api/v1/market/symbols/AAA/history" + q + "&expr=sma(close,2)", admin);
        assertThat(single.status()).as(single.toString()).isEqualTo(200);
        assertThat(single.json().path("series").path("sma(close,2)").get(1).asDouble()).isEqualTo(108.0);
        assertThat(single.header("ETag")).isNotEqualTo(etag);

        Api.Response badExpr = api.get("/api/v1/market/symbols/AAA/history" + q + "&expr=sma(close,", admin);
        assertThat(badExpr.status()).isEqualTo(422);
        assertThat(badExpr.problemType()).isEqualTo("invalid-expression");
        assertThat(api.get("/api/v1/market/symbols/NOPE/history" + q, admin).status()).isEqualTo(404);

        JsonNode quotes = api.get("/api/v1/market/quotes" + q + "&symbols=AAA,BBB", admin).json();
        assertThat(quotes.path("items").get(0).path("close").asDouble()).isEqualTo(111.0);
        assertThat(quotes.path("items").get(0).path("previousClose").asDouble()).isEqualTo(105.0);
        assertThat(quotes.path("version").asString()).isEqualTo(version);

        JsonNode markets = api.get("/api/v1/market/markets" + q, admin).json();
        assertThat(markets.toString()).contains("KOSPI").contains("KOSDAQ");
        JsonNode detail = api.get("/api/v1/market/symbols/AAA" + q, admin).json();
        assertThat(detail.path("name").asString()).isEqualTo("삼성전자");
        assertThat(detail.path("lastBar").path("close").asDouble()).isEqualTo(111.0);
        JsonNode kospi = api.get("/api/v1/market/universes/kospi200" + q, admin).json();
        assertThat(kospi.path("members")).hasSize(1);

        JsonNode factors = api.get("/api/v1/factors", admin).json();
        assertThat(factors.path("count").asInt()).isGreaterThan(150);
        assertThat(factors.path("categories").get(0).path("factors").get(0).path("formula").asString()).isNotBlank();
        assertThat(api.get("/api/v1/factors?category=nope", admin).status()).isEqualTo(422);
    }

    private String waitForVersion() throws InterruptedException {
        long v = jdbc.queryForObject("SELECT version FROM datasets WHERE id = ?", Long.class, dataset);
        for (int i = 0; i < 100; i++) {
            JsonNode q = api.get("/api/v1/market/quotes?dataset=" + dataset + "&symbols=AAA", admin).json();
            String label = q.path("version").asString();
            if (label.startsWith("r" + v + ".")) return label;
            Thread.sleep(100);
        }
        throw new AssertionError("the panel of " + dataset + " never reached version " + v);
    }
}
