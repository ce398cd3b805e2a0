package io.stocklab.server.marketdata;

import io.stocklab.server.StockLabApplication;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command-line import, {@code bin/stocklab import [options] FILE} (or {@code java -jar stocklab-server.jar
 * import ...}): checks the arguments, starts the server's application context without opening a port, imports the file
 * with the same checks and report as {@code POST /api/v1/data/imports}, prints the report and exits with 0 (imported),
 * 2 (bad usage, or the file was refused) or 1 (anything else, e.g. the database is unreachable).
 */
public final class ImportCli {
    static final int OK = 0, FAILED = 1, USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: stocklab import [options] FILE
            Imports a CSV file (plain or gzip) into a dataset in one transaction, then prints a report: rows read,
            inserted, updated, unchanged and rejected, and the first rejected rows with their line numbers.

            Options:
              --kind KIND              prices (default), prices-wide, prices-yahoo, assets, fundamentals, benchmarks
              --dataset ID             target dataset (default krx-demo); a new id creates an empty dataset
              --create-assets          price rows of unknown symbols create the asset (default: rejected)
              --strict                 any rejected row fails the whole import (nothing is stored)
              --symbol CODE            the symbol of a prices-yahoo file
              --charset CHARSET        CP949 / EUC-KR for Korean Windows text (default UTF-8)
              --disclosure-lag-days N  fundamentals without a disclosed date: visible N days after the period end (60)
              --spring.profiles.active=prod, --stocklab.data-dir=DIR, ... any other --name=value is a server setting
                                       (--spring.*, --stocklab.*, --STOCKLAB_*; prod: PostgreSQL from STOCKLAB_DB_URL, STOCKLAB_DB_USER, STOCKLAB_DB_PASSWORD)
              -h, --help               this text

            Exit status: 0 imported, 2 bad usage or the file was refused (nothing stored), 1 other failure.
            """;

    private ImportCli() {
    }

    /** The parsed command line: import settings and pass-through server settings. */
    record Options(Path file, ImportKind kind, String dataset, boolean createAssets, boolean strict, String symbol,
                   String charset, int disclosureLagDays, Map<String, String> settings) {
    }

    /** Thrown for bad usage (message for the user). */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; answers the exit status (never calls {@code System.exit}). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
                out.print(USAGE_TEXT);
                return OK;
            }
            o = parse(args);
        } catch (UsageException e) {
            err.println("stocklab import: " + e.getMessage());
            err.println("Try 'stocklab import --help'.");
            return USAGE;
        }
        if (!Files.isRegularFile(o.file())) {
            err.println("stocklab import: no such file: " + o.file());
            return USAGE;
        }
        if (!Files.isReadable(o.file())) {
            err.println("stocklab import: cannot read " + o.file());
            return USAGE;
        }
        // settings of the command (given as command-line settings, so they win over application.yaml) unless the
        // caller set them: no port, no backtest workers, no warm-up, quiet logs (the report is the output)
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "-1");
        settings.put("stocklab.datasets.load-on-start", "false"); // an import into krx-demo seeds it on first use
        settings.put("stocklab.backtests.warm-up", "false");
        settings.put("stocklab.queue.role", "api");
        settings.put("spring.main.banner-mode", "off");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.io.stocklab", "WARN");
        settings.putAll(o.settings());
        List<String> springArgs = new ArrayList<>();
        settings.forEach((k, v) -> springArgs.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StockLabApplication.class)
                .web(WebApplicationType.SERVLET).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(springArgs.toArray(String[]::new))) {
            return context.getBean(ImportCommand.class).execute(o, out, err);
        } catch (RuntimeException e) {
            err.println("stocklab import: failed: " + rootMessage(e));
            return FAILED;
        }
    }

    static Options parse(String[] args) throws UsageException {
        Path file = null;
        ImportKind kind = ImportKind.PRICES;
        String dataset = DbDatasets.KRX_DEMO, symbol = null, charset = null;
        boolean createAssets = false, strict = false;
        int lag = 60;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a, inline = null;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(0, a.indexOf('='));
                inline = a.substring(a.indexOf('=') + 1);
            }
            switch (name) {
                case "--kind" -> {
                    String v = value(args, ++i, name, inline);
                    if (inline != null) i--;
                    kind = ImportKind.of(v).orElseThrow(() -> new UsageException("--kind: '" + v + "' is not one of " + ImportKind.slugs()));
                }
                case "--dataset" -> {
                    dataset = value(args, ++i, name, inline);
                    if (inline != null) i--;
                    if (!ImportService.DATASET_ID.matcher(dataset).matches()) {
                        throw new UsageException("--dataset: '" + dataset + "' is not a dataset id (2-64 lower-case letters, digits and dashes)");
                    }
                }
                case "--symbol" -> {
                    symbol = value(args, ++i, name, inline);
                    if (inline != null) i--;
                }
                case "--charset" -> {
                    charset = value(args, ++i, name, inline);
                    if (inline != null) i--;
                }
                case "--disclosure-lag-days" -> {
                    String v = value(args, ++i, name, inline);
                    if (inline != null) i--;
                    try {
                        lag = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--disclosure-lag-days: '" + v + "' is not a whole number of days");
                    }
                    if (lag < 0 || lag > 3650) throw new UsageException("--disclosure-lag-days: must be between 0 and 3650");
                }
                case "--create-assets" -> createAssets = flag(name, inline);
                case "--strict" -> strict = flag(name, inline);
                default -> {
                    if (a.startsWith("--") && inline != null && (name.contains(".") || name.matches("--[A-Z][A-Z0-9_]*"))) {
                        settings.put(name.substring(2), inline);
                    } else if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option " + a);
                    } else if (file != null) {
                        throw new UsageException("one file per import (got " + file + " and " + a + ")");
                    } else {
                        file = Path.of(a);
                    }
                }
            }
        }
        if (file == null) throw new UsageException("no file given");
        String callerDir = System.getenv("STOCKLAB_IMPORT_CWD"); // bin/stocklab runs the jar from the project root
        if (!file.isAbsolute() && callerDir != null && !callerDir.isBlank()) file = Path.of(callerDir).resolve(file);
        if (kind == ImportKind.PRICES_YAHOO && (symbol == null || symbol.isBlank())) {
            throw new UsageException("--symbol is required with --kind prices-yahoo (the file has no symbol column)");
        }
        return new Options(file, kind, dataset, createAssets, strict, symbol, charset, lag, settings);
    }

    private static String value(String[] args, int i, String name, String inline) throws UsageException {
        if (inline != null) return inline;
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException(name + " needs a value");
        return args[i];
    }

    private static boolean flag(String name, String inline) throws UsageException {
        if (inline == null) return true;
        if (inline.equalsIgnoreCase("true") || inline.equalsIgnoreCase("false")) return Boolean.parseBoolean(inline);
        throw new UsageException(name + " takes no value (or =true / =false)");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
