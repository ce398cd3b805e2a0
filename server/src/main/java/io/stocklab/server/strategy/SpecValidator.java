package io.stocklab.server.strategy;

import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.spec.SpecException;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import io.stocklab.server.marketdata.DatasetInfo;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.FieldProblem;
import io.stocklab.server.platform.error.ProblemType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Checks a strategy spec without running it: the engine's own validation (every problem with its JSON path:
 * unknown keys and factors with suggestions, expression syntax with positions, bad values and dates), then the
 * dataset and the period against the data the server actually has. Used by strategies, backtests and sweeps.
 */
@Service
public class SpecValidator {
    private static final FactorLibrary LIBRARY = FactorLibrary.standard();

    private final Datasets datasets;

    SpecValidator(Datasets datasets) {
        this.datasets = datasets;
    }

    public static FactorLibrary library() {
        return LIBRARY;
    }

    /** The outcome of a validation: the parsed spec and its dataset when valid, else the problems. */
    public record Validation(StrategySpec spec, DatasetInfo dataset, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** One problem: the JSON path ({@code $.buy.when}) and what is wrong. */
    public record Problem(String path, String message) {
    }

    public Validation validate(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        StrategySpec spec = null;
        try {
            spec = SpecReader.read(json, LIBRARY);
        } catch (SpecException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.path(), p.message())));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("$", e.getMessage()));
        }
        // the dataset and the period are checked even when other parts are wrong, so every problem shows at once
        JsonNode datasetNode = json == null ? null : json.get("dataset");
        String datasetId = datasetNode != null && datasetNode.isString() ? datasetNode.asString() : null;
        DatasetInfo dataset = null;
        if (datasetId == null) {
            dataset = datasets.defaultDataset();
        } else {
            Optional<DatasetInfo> found = datasets.find(datasetId);
            if (found.isEmpty()) {
                problems.add(new Problem("$.dataset", "unknown dataset '" + datasetId + "'; known: "
                        + datasets.list().stream().map(DatasetInfo::id).toList()));
            } else {
                dataset = found.get();
            }
        }
        if (dataset != null && spec != null) {
            checkPeriod(spec.period(), dataset, problems);
        }
        return new Validation(problems.isEmpty() ? spec : null, dataset, List.copyOf(problems));
    }

    /** Validates or throws a 422 {@code invalid-spec} problem listing every problem (paths prefixed). */
    public Validation require(JsonNode json, String pathPrefix) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw new ApiException(ProblemType.INVALID_SPEC, "A strategy spec is required.",
                    List.of(new FieldProblem(pathPrefix, "is required")), Map.of());
        }
        Validation v = validate(json);
        if (!v.valid()) {
            throw new ApiException(ProblemType.INVALID_SPEC, "The strategy spec has " + v.problems().size()
                    + (v.problems().size() == 1 ? " problem." : " problems."),
                    v.problems().stream().map(p -> new FieldProblem(prefixed(pathPrefix, p.path()), p.message()))
                            .toList(), Map.of());
        }
        return v;
    }

    private static String prefixed(String prefix, String path) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("$")) return path;
        return path.equals("$") ? prefix : prefix + path.substring(1);
    }

    private static void checkPeriod(StrategySpec.Period period, DatasetInfo data, List<Problem> problems) {
        LocalDate start = period.start();
        LocalDate end = period.end();
        if (data.start() == null || data.end() == null) {
            problems.add(new Problem("$.dataset", "dataset '" + data.id() + "' holds no data"));
            return;
        }
        if (start != null && start.isAfter(data.end())) {
            problems.add(new Problem("$.period.start", "starts " + start + ", after the data of '" + data.id()
                    + "' ends (" + data.end() + ")"));
        }
        if (end != null && end.isBefore(data.start())) {
            problems.add(new Problem("$.period.end", "ends " + end + ", before the data of '" + data.id()
                    + "' starts (" + data.start() + ")"));
        }
        LocalDate s = start == null || start.isBefore(data.start()) ? data.start() : start;
        LocalDate e = end == null || end.isAfter(data.end()) ? data.end() : end;
        if (problems.isEmpty() && !s.plusDays(27).isBefore(e.plusDays(1))) {
            problems.add(new Problem("$.period", "covers " + s + ".." + e + " of the data: fewer than four weeks to"
                    + " simulate"));
        }
    }
}
