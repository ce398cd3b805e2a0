package io.stocklab.server.marketdata;

import io.stocklab.server.platform.error.ApiException;
import java.io.PrintStream;
import org.springframework.stereotype.Component;

/**
 * Runs one command-line import ({@link ImportCli}) inside the application context: the same job row, checks and
 * report as an import through the API.
 */
@Component
class ImportCommand {
    static final int LISTED_REJECTIONS = 20;

    private final ImportService imports;

    ImportCommand(ImportService imports) {
        this.imports = imports;
    }

    /** Imports the file; prints the report; answers the exit status (0 imported, 2 refused). */
    int execute(ImportCli.Options o, PrintStream out, PrintStream err) {
        try {
            imports.ensureDataset(o.dataset());
            ImportJob job = imports.runNow(new ImportRunner.Request(o.dataset(), o.kind(), o.file().getFileName().toString(),
                    o.symbol(), o.createAssets(), o.strict(), o.charset(), o.disclosureLagDays()), o.file());
            out.printf("import %s: %s %s into %s: %s%n", job.id(), o.kind().slug(), o.file(), o.dataset(), job.status());
            out.printf("  rows read      %,d%n  inserted       %,d%n  updated        %,d%n  unchanged      %,d%n  rejected       %,d%n",
                    job.rowsRead(), job.rowsInserted(), job.rowsUpdated(), job.rowsUnchanged(), job.rowsRejected());
            if (job.datasetVersion() != null) out.printf("  dataset version %d%n", job.datasetVersion());
            if (!job.rejections().isEmpty()) {
                out.printf("first rejected rows%s:%n", job.rowsRejected() > LISTED_REJECTIONS ? " (of " + job.rowsRejected() + ")" : "");
                job.rejections().stream().limit(LISTED_REJECTIONS).forEach(r -> out.printf("  line %d: %s%n", r.line(), r.reason()));
            }
            if (job.error() != null) {
                err.println("stocklab import: refused (" + job.error().type() + "): " + job.error().detail());
            }
            return "SUCCEEDED".equals(job.status()) ? ImportCli.OK : ImportCli.USAGE;
        } catch (ApiException e) {
            err.println("stocklab import: " + e.getMessage() + (e.fieldErrors().isEmpty() ? "" : " " + e.fieldErrors()));
            return ImportCli.USAGE;
        }
    }
}
