package io.stocklab.server.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line import entry point ({@code bin/stocklab import} = {@link ImportCli}) against PostgreSQL (the prod
 * profile in this test run's schema): usage errors, a good file, the same file again (nothing changes) and a bad
 * file (refused, exit 2, nothing lost).
 */
class ImportCommandProdIT {
    static final String DATASET = "cli-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = ImportCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The import arguments plus the prod profile pointed at this run's schema, as an operator would pass them. */
    static Result importProd(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.profiles.active=prod");
        for (Map.Entry<String, Object> e : ProdTestProperties.properties().entrySet()) all.add("--" + e.getKey() + "=" + e.getValue());
        return cli(all.toArray(String[]::new));
    }

    static long count(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(TestRun.PG_URL + "?currentSchema=" + TestRun.SCHEMA, TestRun.PG_USER, "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long prices() throws Exception {
        return count("SELECT count(*) FROM daily_prices p JOIN assets a ON a.id = p.asset_id WHERE a.dataset_id = ?", DATASET);
    }

    @Test
    void helpAndBadUsageExitWithoutStartingAnything() throws Exception {
        Result help = cli("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: stocklab import [options] FILE").contains("--kind").contains("Exit status");

        Path file = Files.writeString(dir.resolve("p.csv"), "date,open,high,low,close,volume,symbol\n");
        assertThat(cli().status()).isEqualTo(2);
        assertThat(cli().err()).contains("no file given");
        Result unknown = cli("--frobnicate", file.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option --frobnicate");
        Result kind = cli("--kind", "bogus", file.toString());
        assertThat(kind.status()).isEqualTo(2);
        assertThat(kind.err()).contains("--kind").contains("prices-wide");
        assertThat(cli("--dataset", "../etc", file.toString()).err()).contains("--dataset");
        assertThat(cli("--kind=prices-yahoo", file.toString()).err()).contains("--symbol is required");
        assertThat(cli("--kind", file.toString()).status()).isEqualTo(2); // the file name taken as the kind: bogus
        Result missing = cli(dir.resolve("nope.csv").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(cli(file.toString(), file.toString()).err()).contains("one file per import");
    }

    @Test
    void importsReimportsAndRefusesABadFile() throws Exception {
        Path good = Files.writeString(dir.resolve("prices.csv"), """
                date,open,high,low,close,volume,symbol
                2024-01-02,100,110,95,105,1000,AAA
                2024-01-03,105,112,101,111,1500,AAA
                2024-01-03,10,9,11,10,5,BBB
                2024-01-02,50,55,49,52,300,BBB
                """);
        Result first = importProd("--kind", "prices", "--dataset", DATASET, "--create-assets", good.toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("SUCCEEDED").containsPattern("rows read +4\\b").containsPattern("inserted +3\\b")
                .containsPattern("updated +0\\b").containsPattern("rejected +1\\b").contains("line 4: ").contains("high");
        assertThat(prices()).isEqualTo(3);
        long version = count("SELECT version FROM datasets WHERE id = ?", DATASET);
        assertThat(version).isPositive();
        assertThat(count("SELECT count(*) FROM import_jobs WHERE dataset_id = ? AND status = 'SUCCEEDED' AND rows_inserted = 3 "
                + "AND rows_rejected = 1 AND created_by IS NULL", DATASET)).isEqualTo(1);

        // the same file again: an upsert that changes nothing
        Result again = importProd("--dataset=" + DATASET, "--create-assets", good.toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("inserted +0\\b").containsPattern("updated +0\\b").containsPattern("unchanged +3\\b");
        assertThat(prices()).isEqualTo(3);
        assertThat(count("SELECT version FROM datasets WHERE id = ?", DATASET)).isEqualTo(version);

        // a bad file (unbalanced quotes): refused with exit 2, nothing stored, nothing lost
        Path bad = Files.writeString(dir.resolve("bad.csv"), "date,open,high,low,close,volume,symbol\n"
                + "2024-01-04,1,2,1,1,1,CCC\n2024-01-05,\"1,2,1,1,1,CCC\n");
        Result refused = importProd("--dataset", DATASET, "--create-assets", bad.toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).contains("FAILED");
        assertThat(refused.err()).contains("invalid-import-file").containsIgnoringCase("quote");
        assertThat(prices()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM assets WHERE dataset_id = ? AND code = 'CCC'", DATASET)).isZero();
        assertThat(count("SELECT version FROM datasets WHERE id = ?", DATASET)).isEqualTo(version);
        assertThat(count("SELECT count(*) FROM import_jobs WHERE dataset_id = ? AND status = 'FAILED' "
                + "AND error_type = 'invalid-import-file'", DATASET)).isEqualTo(1);
    }
}
