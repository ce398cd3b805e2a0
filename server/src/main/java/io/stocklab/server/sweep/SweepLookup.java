package io.stocklab.server.sweep;

import io.stocklab.server.sweep.SweepRepository.SweepRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Read access to sweeps for other features (rankings). No access control here: callers decide what they may show
 * (e.g. only sweeps of public strategies).
 */
@Service
public class SweepLookup {
    private final SweepRepository repository;

    SweepLookup(SweepRepository repository) {
        this.repository = repository;
    }

    /** One day of the chained out-of-sample curve. */
    public record EquityPoint(LocalDate date, double equity) {
    }

    /**
     * The chained out-of-sample result of a completed walk-forward sweep of a strategy: the sweep's base spec (the
     * strategy version's), the out-of-sample period (first window's first day .. last window's last day), the
     * curve's starting capital and its daily values.
     */
    public record OosResult(UUID sweepId, UUID ownerId, UUID strategyId, Integer strategyVersion, String name,
                            String datasetId, String dataVersion, JsonNode spec, Instant finishedAt, LocalDate start,
                            LocalDate end, double initialCapital, List<EquityPoint> equity) {
    }

    /** A sweep that has a chained out-of-sample result (for rebuilds). */
    public record Rankable(UUID sweepId, UUID strategyId, UUID ownerId) {
    }

    /** The sweep's chained out-of-sample result: empty unless it is a COMPLETED sweep of a strategy that has one. */
    public Optional<OosResult> outOfSample(UUID sweepId) {
        Optional<SweepRow> found = repository.find(sweepId)
                .filter(r -> r.strategyId() != null && r.status().equals("COMPLETED") && r.summary() != null);
        if (found.isEmpty()) return Optional.empty();
        SweepRow r = found.get();
        JsonNode oos = SweepService.JSON.readTree(r.summary()).path("outOfSample");
        Optional<String> stored = repository.oosEquity(sweepId);
        if (!oos.isObject() || stored.isEmpty()) return Optional.empty();
        List<EquityPoint> equity = SweepService.curve(stored.get(), EquityPoint::new);
        JsonNode spec = SweepService.JSON.readTree(r.request()).path("spec");
        return Optional.of(new OosResult(r.id(), r.ownerId(), r.strategyId(), r.strategyVersion(), r.name(),
                r.datasetId(), r.dataVersion(), spec, r.finishedAt(), LocalDate.parse(oos.path("start").asString()),
                LocalDate.parse(oos.path("end").asString()), oos.path("initialCapital").asDouble(), equity));
    }

    /** Every completed sweep of a strategy with a chained out-of-sample result. */
    public List<Rankable> rankable() {
        return repository.withOutOfSample().stream().map(a -> new Rankable(a[0], a[1], a[2])).toList();
    }
}
