package io.stocklab.server.marketdata;

import io.stocklab.server.platform.error.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The command-line import: the server started with {@code --stocklab.import.file=...} imports that file (same
 * formats, checks and report as the API) and exits, with status 0 when it succeeded and 2 when the file was refused:
 * <pre>
 * java -jar server/target/stocklab-server.jar --spring.main.web-application-type=none \
 *     --stocklab.import.file=prices.csv.gz --stocklab.import.kind=prices --stocklab.import.dataset=my-data \
 *     --stocklab.import.create-assets=true
 * </pre>
 */
@Component
@ConditionalOnProperty("stocklab.import.file")
class ImportCommand implements ApplicationRunner {
    private final ImportService imports;
    private final Environment env;
    private final ConfigurableApplicationContext context;

    ImportCommand(ImportService imports, Environment env, ConfigurableApplicationContext context) {
        this.imports = imports;
        this.env = env;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = execute();
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int execute() {
        Path file = Path.of(env.getRequiredProperty("stocklab.import.file"));
        String kindText = env.getProperty("stocklab.import.kind", "prices");
        String dataset = env.getProperty("stocklab.import.dataset", DbDatasets.KRX_DEMO);
        try {
            if (!Files.isRegularFile(file)) {
                System.err.println("stocklab import: no such file: " + file);
                return 2;
            }
            ImportKind kind = ImportKind.of(kindText).orElseThrow(() ->
                    ApiException.invalidField("kind", "one of " + ImportKind.slugs()));
            imports.ensureDataset(dataset);
            ImportJob job = imports.runNow(new ImportRunner.Request(dataset, kind, file.getFileName().toString(),
                    env.getProperty("stocklab.import.symbol"), env.getProperty("stocklab.import.create-assets", Boolean.class, false),
                    env.getProperty("stocklab.import.strict", Boolean.class, false), env.getProperty("stocklab.import.charset"),
                    env.getProperty("stocklab.import.disclosure-lag-days", Integer.class, 60)), file);
            System.out.printf("%s %s into %s: %s — %d rows read, %d inserted, %d updated, %d unchanged, %d rejected%n",
                    kind.slug(), file, dataset, job.status(), job.rowsRead(), job.rowsInserted(), job.rowsUpdated(),
                    job.rowsUnchanged(), job.rowsRejected());
            job.rejections().stream().limit(20).forEach(r -> System.out.printf("  line %d: %s%n", r.line(), r.reason()));
            if (job.error() != null) System.err.println("stocklab import: " + job.error().detail());
            return "SUCCEEDED".equals(job.status()) ? 0 : 2;
        } catch (ApiException e) {
            System.err.println("stocklab import: " + e.getMessage() + (e.fieldErrors().isEmpty() ? "" : " " + e.fieldErrors()));
            return 2;
        }
    }
}
