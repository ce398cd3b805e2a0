package io.stocklab.server.backtest;

import io.stocklab.server.backtest.queue.InProcessJobQueue;
import io.stocklab.server.backtest.queue.JobQueue;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.strategy.SpecValidator;
import io.stocklab.server.strategy.StrategyTemplates;
import io.stocklab.server.strategy.TemplateResults;
import io.stocklab.engine.EngineVersion;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Start-up work: with the in-process queue, jobs left over by the previous run of this process are queued again;
 * with {@code stocklab.backtests.warm-up}, the famous templates are backtested on the default dataset so their
 * results (and any identical run) come from the cache at once. Also answers the template list's result lookup.
 */
@Component
class BacktestStartup implements TemplateResults {
    private static final Logger log = LoggerFactory.getLogger(BacktestStartup.class);

    private final JobQueue queue;
    private final BacktestRunner runner;
    private final BacktestService service;
    private final BacktestRepository repository;
    private final StrategyTemplates templates;
    private final SpecValidator validator;
    private final BacktestProperties properties;
    private final JdbcClient jdbc;

    BacktestStartup(JobQueue queue, BacktestRunner runner, BacktestService service, BacktestRepository repository,
                    StrategyTemplates templates, SpecValidator validator, BacktestProperties properties,
                    JdbcClient jdbc) {
        this.queue = queue;
        this.runner = runner;
        this.service = service;
        this.repository = repository;
        this.templates = templates;
        this.validator = validator;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (queue instanceof InProcessJobQueue) {
            // this process is the only worker of its database: whatever it was running is queued again
            jdbc.sql("UPDATE backtests SET status = 'QUEUED', heartbeat_at = NULL WHERE status = 'RUNNING'").update();
            var pending = runner.recoverable();
            pending.forEach(queue::submit);
            if (!pending.isEmpty()) log.info("re-queued {} backtests left by the previous run", pending.size());
        }
        if (properties.warmUp()) {
            Thread.ofVirtual().name("backtest-warm-up").start(this::warmUp);
        }
    }

    void warmUp() {
        for (StrategyTemplates.Template t : templates.famous()) {
            try {
                BacktestService.Submitted s = service.submit(BacktestService.SYSTEM, t.spec(), null, null,
                        "Template: " + t.name(), () -> { });
                log.info("template {} warm-up: {}", t.id(), s.cached() ? "already cached" : "queued " + s.state().id());
            } catch (RuntimeException e) {
                log.warn("template {} warm-up failed: {}", t.id(), e.toString());
            }
        }
    }

    @Override
    public Optional<TemplateResults.TemplateResult> latest(JsonNode spec) {
        SpecValidator.Validation v = validator.validate(spec);
        if (!v.valid()) return Optional.empty();
        String hash = ConfigHash.of(v.spec(), v.dataset().id(), v.dataset().version(), EngineVersion.VERSION);
        return repository.completedByHash(hash).map(r -> new TemplateResults.TemplateResult(r.id(), r.totalReturnPct(),
                r.cagrPct(), r.sharpe(), r.maxDrawdownPct()));
    }
}
