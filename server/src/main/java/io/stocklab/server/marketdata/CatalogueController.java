package io.stocklab.server.marketdata;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The datasets and the factor catalogue. */
@RestController
@Tag(name = "Market data")
class CatalogueController {
    private final Datasets datasets;
    private final MarketService market;

    CatalogueController(Datasets datasets, MarketService market) {
        this.datasets = datasets;
        this.market = market;
    }

    record DatasetList(String defaultDataset, List<DatasetInfo> items) {
    }

    @GetMapping("/api/v1/datasets")
    @Operation(summary = "Every dataset with its size, date range and version (the default first)")
    DatasetList datasets() {
        List<DatasetInfo> all = datasets.list();
        return new DatasetList(all.stream().filter(DatasetInfo::isDefault).map(DatasetInfo::id).findFirst().orElse(null), all);
    }

    @GetMapping("/api/v1/factors")
    @Operation(summary = "The factor catalogue by category, with descriptions and formulas")
    ResponseEntity<MarketService.FactorCatalogue> factors(@RequestParam(required = false) String category) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(market.factors(category));
    }
}
