package io.stocklab.server.marketdata;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The market API: symbols, asset detail, OHLCV history with factors/expressions, quotes, groups and universes. */
@RestController
@RequestMapping("/api/v1/market")
@Tag(name = "Market data", description = "Symbols, history, quotes, sectors, markets and universes of a dataset")
class MarketController {
    private static final CacheControl HISTORY_CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();
    private static final CacheControl LIST_CACHE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePrivate();

    private final MarketService market;

    MarketController(MarketService market) {
        this.market = market;
    }

    @GetMapping("/symbols")
    @Operation(summary = "Symbol list and search (code or name, Korean names included), cursor-paginated by code")
    MarketService.SymbolPage symbols(@RequestParam(required = false) String dataset, @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String market,
                                     @RequestParam(required = false) String sector,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(defaultValue = "50") int limit) {
        return this.market.symbols(dataset, q, market, sector, cursor, limit);
    }

    @GetMapping("/symbols/{code}")
    @Operation(summary = "Asset detail with its last bar, latest fundamentals (point in time) and factor values")
    MarketService.AssetDetail asset(@PathVariable String code, @RequestParam(required = false) String dataset,
                                    @RequestParam(name = "factor", required = false) List<String> factors) {
        return market.asset(dataset, code, factors);
    }

    @GetMapping("/symbols/{code}/history")
    @Operation(summary = "Daily OHLCV history with any factor or expression alongside (?expr=sma(close,20)&expr=rsi_14); "
            + "ETag / If-None-Match and Cache-Control")
    ResponseEntity<MarketService.History> history(@PathVariable String code, @RequestParam(required = false) String dataset,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "expr", required = false) List<String> ignoredSplitOnCommas, WebRequest request) {
        // each expr parameter is one expression: read them raw (the list binding would split sma(close,20) on its comma)
        String[] raw = request.getParameterValues("expr");
        List<String> exprs = raw == null ? List.of() : List.of(raw);
        DatasetSnapshot s = market.snapshot(dataset);
        String etag = etag(s.datasetId(), s.version(), code, String.valueOf(from), String.valueOf(to),
                String.join("\u0000", exprs));
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(HISTORY_CACHE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(HISTORY_CACHE).body(market.history(s, code, from, to, exprs));
    }

    @GetMapping("/quotes")
    @Operation(summary = "Latest quotes of up to 200 symbols (cached for stocklab.marketdata.quotes.ttl)")
    MarketService.Quotes quotes(@RequestParam(required = false) String dataset, @RequestParam List<String> symbols) {
        return market.quotes(dataset, symbols.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    @GetMapping("/markets")
    @Operation(summary = "Markets of a dataset with their asset counts")
    ResponseEntity<List<MarketService.Group>> markets(@RequestParam(required = false) String dataset) {
        return ResponseEntity.ok().cacheControl(LIST_CACHE).body(market.markets(dataset));
    }

    @GetMapping("/sectors")
    @Operation(summary = "Sectors of a dataset with their asset counts")
    ResponseEntity<List<MarketService.Group>> sectors(@RequestParam(required = false) String dataset) {
        return ResponseEntity.ok().cacheControl(LIST_CACHE).body(market.sectors(dataset));
    }

    @GetMapping("/universes")
    @Operation(summary = "The predefined universes")
    List<MarketService.UniverseInfo> universes() {
        return MarketService.UNIVERSES;
    }

    @GetMapping("/universes/{id}")
    @Operation(summary = "Members of a universe on the dataset's last trading day (e.g. KOSPI200-like by market cap)")
    MarketService.Universe universe(@PathVariable String id, @RequestParam(required = false) String dataset) {
        return market.universe(dataset, id);
    }

    static String etag(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "\"" + HexFormat.of().formatHex(Arrays.copyOf(sha.digest(), 12)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
