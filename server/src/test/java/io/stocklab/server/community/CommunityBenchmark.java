package io.stocklab.server.community;

import io.stocklab.server.StockLabApplication;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.HighestPrecedenceProperties;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The community list benchmark (not a test): starts the server on the prod profile against this machine's
 * PostgreSQL (a schema of its own, dropped at exit) and Redis, stores {@code -Dposts} posts (default 10,000; Korean
 * and English text, 2 % hidden, random like and comment counts) by 100 users, then measures with {@code wrk} on
 * loopback, with the 100 users' tokens in turn: the first page (20) of the newest posts, of the most liked, and of
 * two full-text searches (one matching nearly every post, one about 1 %). Run with
 * {@code server/src/test/resources/community-bench.sh} (see docs/performance.md).
 */
public final class CommunityBenchmark {
    private static final String[] WORDS = {"모멘텀", "가치주", "저평가", "배당", "리밸런싱", "변동성", "코스피", "코스닥", "전략은",
            "수익률이", "momentum", "value", "quality", "dividend", "backtest", "sharpe", "drawdown", "rebalance",
            "sector", "rotation", "small", "cap", "low", "volatility", "PER", "PBR", "ROE", "질문", "답변", "좋은"};

    private CommunityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int posts = Integer.getInteger("posts", 10_000);
        String duration = System.getProperty("duration", "15s");
        String connections = System.getProperty("connections", "50");
        Map<String, Object> props = new HashMap<>(ProdTestProperties.properties());
        props.put("stocklab.quotas.plans.FREE.api-calls-per-minute", "100000000");
        props.put("stocklab.quotas.anonymous-api-calls-per-minute", "100000000");
        props.put("spring.datasource.hikari.maximum-pool-size", "20");
        props.put("stocklab.data-dir", TestRun.newLocalDataDir("bench").toString());
        props.put("server.port", "0");
        props.put("logging.level.root", "WARN");
        props.put("logging.structured.format.console", "");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(StockLabApplication.class)
                .profiles("prod").initializers(new HighestPrecedenceProperties("bench", props)).run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            MarkdownRenderer markdown = ctx.getBean(MarkdownRenderer.class);
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            Api api = new Api(port, "127.0.0.1");

            List<String> tokens = new ArrayList<>();
            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String token = api.login(api.register("bench")).path("accessToken").asString();
                tokens.add(token);
                users.add(UUID.fromString(api.get("/api/v1/users/me", token).json().path("id").asString()));
            }

            Random random = new Random(42);
            Instant start = Instant.parse("2025-01-01T00:00:00Z");
            long t0 = System.nanoTime();
            List<Object[]> batch = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                StringBuilder title = new StringBuilder();
                for (int w = 0; w < 4; w++) title.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                // one of 100 topics per post: a selective search term (about 1 % of the posts)
                title.append(String.format("sym%03d ", random.nextInt(100)));
                StringBuilder content = new StringBuilder("## ").append(title).append("\n\n");
                for (int w = 0; w < 120; w++) {
                    content.append(WORDS[random.nextInt(WORDS.length)]).append(w % 15 == 14 ? ".\n\n" : " ");
                }
                MarkdownRenderer.Rendered r = markdown.render(content.toString(), CommunityService.EXCERPT);
                String category = CommunityDtos.Category.values()[random.nextInt(3)].name();
                Timestamp at = Timestamp.from(start.plusSeconds(i * 600L + random.nextInt(600)));
                batch.add(new Object[] {UUID.randomUUID(), users.get(random.nextInt(users.size())), category,
                        title.toString().strip(), content.toString(), r.html(), r.excerpt(), random.nextInt(50) == 0,
                        (int) Math.floor(Math.pow(random.nextDouble(), 3) * 200), random.nextInt(30),
                        random.nextInt(5000), at, at});
                if (batch.size() == 1000 || i == posts - 1) {
                    jdbc.batchUpdate("INSERT INTO community_posts (id, author_id, category, title, content, content_html,"
                            + " excerpt, hidden, like_count, comment_count, view_count, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
                    batch.clear();
                }
            }
            System.out.printf("stored %,d posts in %.1f s%n", posts, (System.nanoTime() - t0) / 1e9);
            jdbc.execute("VACUUM ANALYZE community_posts");

            String base = "http://127.0.0.1:" + port + "/api/v1/community/posts?limit=20";
            String newest = base;
            String liked = base + "&sort=likes";
            String search = base + "&q=" + URLEncoder.encode("모멘텀 backtest", StandardCharsets.UTF_8);
            String selective = base + "&q=" + URLEncoder.encode("sym042", StandardCharsets.UTF_8);
            for (String url : List.of(newest, liked, search)) {
                Api.Response r = api.get(url.substring(url.indexOf("/api")), tokens.getFirst());
                if (r.status() != 200 || r.json().path("items").size() != 20) {
                    throw new AssertionError("GET " + url + " failed: " + r);
                }
            }
            long matches = jdbc.queryForObject("SELECT COUNT(*) FROM community_posts WHERE search_vector @@"
                    + " to_tsquery('simple', '모멘텀:* & backtest:*')", Long.class);
            System.out.printf("search '모멘텀 backtest' matches %,d of %,d posts%n", matches, posts);
            long few = jdbc.queryForObject("SELECT COUNT(*) FROM community_posts WHERE search_vector @@"
                    + " to_tsquery('simple', 'sym042:*')", Long.class);
            System.out.printf("search 'sym042' matches %,d of %,d posts%n", few, posts);
            for (String tsq : List.of("모멘텀:* & backtest:*", "sym042:*")) {
                String plan = String.join("\n", jdbc.queryForList("EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM"
                        + " community_posts WHERE (hidden = FALSE OR author_id = ?) AND search_vector @@"
                        + " to_tsquery('simple', ?) ORDER BY created_at DESC, id DESC LIMIT 21", String.class,
                        users.getFirst(), tsq));
                System.out.println("plan of the search '" + tsq + "':\n" + plan);
            }

            Path lua = Files.createTempFile("tokens", ".lua");
            StringBuilder script = new StringBuilder("tokens = {");
            for (String t : tokens) script.append('"').append(t).append("\",");
            script.append("}\ni = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", nil, "
                    + "{[\"Authorization\"] = \"Bearer \" .. tokens[(i % #tokens) + 1], [\"X-Forwarded-For\"] = "
                    + "\"127.0.0.1\"})\nend\n");
            Files.writeString(lua, script);
            // JIT warm-up of every path first, so the order of the measurements does not matter
            for (String url : List.of(newest, liked, search, selective)) run(url, lua, connections, "5s", false);
            wrk("first page, newest", newest, lua, connections, duration);
            wrk("first page, most liked", liked, lua, connections, duration);
            wrk("first page, full-text search matching 97 % of the posts", search, lua, connections, duration);
            wrk("first page, full-text search matching 1 % of the posts", selective, lua, connections, duration);
            Files.delete(lua);
        }
        System.exit(0);
    }

    private static void wrk(String name, String url, Path lua, String connections, String duration)
            throws Exception {
        String out = run(url, lua, connections, duration, true);
        System.out.println("wrk " + name + " (2 threads, " + connections + " connections, " + duration
                + ", 100 users): " + url);
        System.out.println(out);
    }

    private static String run(String url, Path lua, String connections, String duration, boolean latency)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration));
        if (latency) cmd.add("--latency");
        cmd.addAll(List.of("-s", lua.toString(), url));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }
}
