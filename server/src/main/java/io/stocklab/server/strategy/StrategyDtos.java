package io.stocklab.server.strategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of {@code /api/v1/strategies}. */
final class StrategyDtos {
    private StrategyDtos() {
    }

    /** Create ({@code spec} required) or update (every field optional; a new spec makes a new version). */
    record StrategyRequest(String name, String description, List<String> tags, JsonNode spec, String visibility,
                           Boolean anonymous, Boolean hideDetails, String note) {
    }

    /**
     * A strategy as the caller may see it: {@code ownerId} is null for an anonymous strategy of someone else,
     * {@code spec} is null when its owner hides the details.
     */
    record StrategyResponse(UUID id, String name, String description, List<String> tags, String visibility,
                            boolean anonymous, boolean hideDetails, int version, UUID ownerId, boolean mine,
                            UUID clonedFrom, JsonNode spec, boolean detailsHidden, Instant createdAt,
                            Instant updatedAt) {
    }

    record VersionResponse(int version, String note, Instant createdAt, JsonNode spec) {
    }

    record ValidateResponse(boolean valid, List<SpecValidator.Problem> problems, String dataset,
                            String dataVersion, JsonNode effectiveSpec) {
    }

    record CloneRequest(String name) {
    }

    record TemplateResponse(String id, String name, String description, String source, boolean famous,
                            JsonNode spec, TemplateResults.TemplateResult result) {
    }
}
