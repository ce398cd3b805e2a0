package io.stocklab.server.backtest;

import io.stocklab.server.backtest.BacktestDtos.BacktestView;
import io.stocklab.server.backtest.BacktestDtos.CompareRequest;
import io.stocklab.server.backtest.BacktestDtos.CompareResponse;
import io.stocklab.server.backtest.BacktestDtos.EquityPointView;
import io.stocklab.server.backtest.BacktestDtos.HistoryPage;
import io.stocklab.server.backtest.BacktestDtos.MonthlyView;
import io.stocklab.server.backtest.BacktestDtos.SubmitRequest;
import io.stocklab.server.backtest.BacktestDtos.TradeView;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.platform.web.PageResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/backtests")
class BacktestController {
    private static final Map<String, String> TRADE_SORTS = Map.of("date", "on_date", "symbol", "symbol", "side", "side",
            "pnl", "pnl", "qty", "qty", "price", "price", "seq", "seq");

    private final BacktestService service;
    private final BacktestRepository repository;
    private final ProgressBus bus;

    BacktestController(BacktestService service, BacktestRepository repository, ProgressBus bus) {
        this.service = service;
        this.repository = repository;
        this.bus = bus;
    }

    /** 202 with the queued state (queue position, estimated duration), or 200 COMPLETED from the result cache. */
    @PostMapping
    ResponseEntity<StatusView> submit(@AuthenticationPrincipal CurrentUser user, @RequestBody SubmitRequest req) {
        BacktestService.Submitted s = service.submit(user, req);
        return ResponseEntity.status(s.cached() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/backtests/" + s.state().id())).body(s.state());
    }

    @GetMapping
    HistoryPage history(@AuthenticationPrincipal CurrentUser user,
                        @RequestParam(required = false) String status,
                        @RequestParam(required = false) UUID strategyId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(required = false) String sort,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(defaultValue = "20") int limit) {
        return service.history(user, status, strategyId, from, to, sort, cursor, limit);
    }

    @GetMapping("/{id}")
    BacktestView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.view(user, service.readable(user, id), true);
    }

    @GetMapping("/{id}/status")
    StatusView status(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.readable(user, id);
        return service.state(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.readable(user, id);
        SseEmitter emitter = new SseEmitter(30 * 60_000L);
        StateStream stream = new StateStream(id, bus, () -> service.state(id), new StateStream.Sink() {
            @Override
            public void send(StatusView state) throws IOException {
                emitter.send(SseEmitter.event().name(state.terminal() ? "final" : "state").data(state,
                        MediaType.APPLICATION_JSON));
            }

            @Override
            public void complete() {
                emitter.complete();
            }
        });
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        stream.start();
        return emitter;
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<StatusView> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(service.cancel(user, id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/equity")
    List<EquityPointView> equity(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.completed(user, id);
        return repository.equity(id).stream().map(p -> new EquityPointView(p.date(), p.equity(), p.cash(),
                p.invested(), p.drawdownPct(), p.benchmark())).toList();
    }

    @GetMapping("/{id}/trades")
    PageResponse<TradeView> trades(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "100") int size,
                                   @RequestParam(defaultValue = "date,asc") String sort) {
        service.completed(user, id);
        if (page < 0) throw ApiException.invalidField("page", "must be >= 0");
        if (size < 1 || size > 1000) throw ApiException.invalidField("size", "must be between 1 and 1000");
        String[] parts = sort.split(",");
        String column = TRADE_SORTS.get(parts[0].strip());
        String dir = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
        if (column == null || parts.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
            throw ApiException.invalidField("sort", "FIELD[,asc|desc] with FIELD one of " + TRADE_SORTS.keySet()
                    .stream().sorted().toList());
        }
        String orderBy = column + " " + dir.toUpperCase(Locale.ROOT) + (column.equals("seq") ? "" : ", seq ASC");
        long total = repository.countTrades(id);
        List<TradeView> items = repository.trades(id, orderBy, page * size, size).stream()
                .map(t -> new TradeView(t.seq(), t.date(), t.symbol(), t.side(), t.qty(), t.price(), t.commission(),
                        t.tax(), t.pnl(), t.reason(), t.holdDays())).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @GetMapping("/{id}/monthly")
    List<MonthlyView> monthly(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.completed(user, id);
        return repository.monthly(id).stream().map(m -> new MonthlyView(m.month(), m.returnPct())).toList();
    }

    /** The whole result: {@code format=json} (summary, stats, equity, trades, monthly) or {@code csv} of one part. */
    @GetMapping("/{id}/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                  @RequestParam(defaultValue = "json") String format,
                                  @RequestParam(defaultValue = "equity") String part) {
        BacktestRow row = service.completed(user, id);
        String f = format.toLowerCase(Locale.ROOT);
        String body;
        MediaType type;
        String filename = "backtest-" + id;
        if (f.equals("json")) {
            ObjectNode root = BacktestRunner.JSON.createObjectNode();
            root.set("backtest", BacktestRunner.JSON.valueToTree(service.view(user, row, true)));
            ArrayNode eq = root.putArray("equity");
            repository.equity(id).forEach(p -> eq.add(BacktestRunner.JSON.valueToTree(p)));
            ArrayNode tr = root.putArray("trades");
            repository.trades(id, "seq", 0, Integer.MAX_VALUE).forEach(t -> tr.add(BacktestRunner.JSON.valueToTree(t)));
            ArrayNode mo = root.putArray("monthlyReturns");
            repository.monthly(id).forEach(m -> mo.add(BacktestRunner.JSON.valueToTree(m)));
            body = BacktestRunner.JSON.writeValueAsString(root);
            type = MediaType.APPLICATION_JSON;
            filename += ".json";
        } else if (f.equals("csv")) {
            StringBuilder csv = new StringBuilder();
            switch (part) {
                case "equity" -> {
                    csv.append("date,equity,cash,invested,drawdown_pct,benchmark\n");
                    repository.equity(id).forEach(p -> csv.append(p.date()).append(',').append(p.equity()).append(',')
                            .append(p.cash()).append(',').append(p.invested()).append(',').append(p.drawdownPct())
                            .append(',').append(p.benchmark() == null ? "" : p.benchmark()).append('\n'));
                }
                case "trades" -> {
                    csv.append("date,symbol,side,qty,price,commission,tax,pnl,reason,hold_days\n");
                    repository.trades(id, "seq", 0, Integer.MAX_VALUE).forEach(t -> csv.append(t.date()).append(',')
                            .append(t.symbol()).append(',').append(t.side()).append(',').append(t.qty()).append(',')
                            .append(t.price()).append(',').append(t.commission()).append(',').append(t.tax())
                            .append(',').append(t.pnl() == null ? "" : t.pnl()).append(',')
                            .append(t.reason() == null ? "" : t.reason()).append(',')
                            .append(t.holdDays() == null ? "" : t.holdDays()).append('\n'));
                }
                case "monthly" -> {
                    csv.append("month,return_pct\n");
                    repository.monthly(id).forEach(m -> csv.append(m.month()).append(',').append(m.returnPct())
                            .append('\n'));
                }
                default -> throw ApiException.invalidField("part", "one of equity, trades, monthly");
            }
            body = csv.toString();
            type = new MediaType("text", "csv", StandardCharsets.UTF_8);
            filename += "-" + part + ".csv";
        } else {
            throw ApiException.invalidField("format", "one of csv, json");
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/compare")
    CompareResponse compare(@AuthenticationPrincipal CurrentUser user, @RequestBody CompareRequest req) {
        return service.compare(user, req == null ? null : req.ids());
    }
}
