package io.stocklab.server.marketdata;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * File imports (admin): {@code POST /api/v1/data/imports} takes a multipart upload (gzip accepted), stores it to
 * disk and runs it as a job. The answer waits up to {@code stocklab.marketdata.imports.sync-wait}: a finished job
 * comes back as 201 with its report (or, when the file was bad, as the problem with nothing stored), a longer one
 * as 202 with its location to poll.
 */
@RestController
@RequestMapping("/api/v1/data/imports")
@Tag(name = "Data imports", description = "Admin: import prices, assets, fundamentals and benchmarks from files")
class ImportController {
    private final ImportService imports;
    private final MarketDataProperties properties;

    ImportController(ImportService imports, MarketDataProperties properties) {
        this.imports = imports;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a file (multipart 'file'; kind = prices | prices-wide | prices-yahoo | assets | fundamentals | benchmarks)")
    ResponseEntity<ImportJob> create(@RequestPart("file") MultipartFile file,
                                     @RequestParam String kind,
                                     @RequestParam(defaultValue = DbDatasets.KRX_DEMO) String dataset,
                                     @RequestParam(required = false) String symbol,
                                     @RequestParam(defaultValue = "false") boolean createAssets,
                                     @RequestParam(defaultValue = "false") boolean strict,
                                     @RequestParam(required = false) String charset,
                                     @RequestParam(defaultValue = "60") int disclosureLagDays,
                                     @AuthenticationPrincipal CurrentUser user) throws IOException {
        ImportKind k = ImportKind.of(kind).orElseThrow(() -> ApiException.invalidField("kind", "one of " + ImportKind.slugs()));
        String fileName = ImportService.checkFileName(file.getOriginalFilename());
        if (file.isEmpty()) throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "The file is empty");
        if (symbol != null && (symbol.isBlank() || symbol.length() > 32)) throw ApiException.invalidField("symbol", "1-32 characters");
        if (disclosureLagDays < 0 || disclosureLagDays > 366) throw ApiException.invalidField("disclosureLagDays", "0..366");
        imports.ensureDataset(dataset);
        UUID id = UUID.randomUUID();
        Path spool = imports.newSpoolFile(id);
        try {
            file.transferTo(spool);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        ImportRunner.Request req = new ImportRunner.Request(dataset, k, fileName, symbol, createAssets, strict, charset, disclosureLagDays);
        CompletableFuture<ImportJob> job = imports.submit(id, req, spool, user == null ? null : user.id());
        URI location = URI.create("/api/v1/data/imports/" + id);
        try {
            ImportJob done = job.get(properties.imports().syncWait().toMillis(), TimeUnit.MILLISECONDS);
            if ("FAILED".equals(done.status())) throw ImportService.problemOf(done);
            return ResponseEntity.created(location).body(done);
        } catch (TimeoutException e) {
            return ResponseEntity.accepted().location(location).body(imports.find(id).orElseThrow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.accepted().location(location).body(imports.find(id).orElseThrow());
        } catch (ExecutionException e) {
            throw new IllegalStateException("import job " + id + " crashed", e.getCause());
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "An import job: status, progress, counts and the rejected rows (line and reason)")
    ImportJob get(@PathVariable UUID id) {
        return imports.find(id).orElseThrow(() -> ApiException.notFound("no import job " + id));
    }

    @GetMapping
    @Operation(summary = "The most recent import jobs (without their rejected rows)")
    List<ImportJob> recent(@RequestParam(defaultValue = "50") int limit) {
        return imports.recent(limit);
    }
}
