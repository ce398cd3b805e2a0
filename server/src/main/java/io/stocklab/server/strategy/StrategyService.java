package io.stocklab.server.strategy;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.FieldProblem;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.platform.web.PageResponse;
import io.stocklab.server.strategy.StrategyDtos.StrategyRequest;
import io.stocklab.server.strategy.StrategyDtos.StrategyResponse;
import io.stocklab.server.strategy.StrategyDtos.VersionResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved strategies: each save of a spec is a new version; public or private; anonymous authorship; "hide details"
 * (others see results, not the rules). Other features use {@link #forRun} and {@link #sharing}.
 */
@Service
public class StrategyService {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_TAGS = 10;

    private final StrategyRepository repository;
    private final SpecValidator validator;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StrategyService(StrategyRepository repository, SpecValidator validator, Clock clock,
                    ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.validator = validator;
        this.clock = clock;
    }

    /** A strategy version a backtest can run. */
    public record RunnableStrategy(UUID id, int version, String name, JsonNode spec) {
    }

    /** How a strategy is shared: public strategies' backtest results are readable by everyone. */
    public record Sharing(UUID ownerId, boolean isPublic, boolean hideDetails) {
    }

    /**
     * The spec of one of the caller's strategies (the current version unless {@code version} is given).
     *
     * @throws ApiException 404 when the strategy or version does not exist or is not the caller's
     */
    public RunnableStrategy forRun(CurrentUser user, UUID strategyId, Integer version) {
        Strategy s = repository.find(strategyId).filter(x -> x.ownerId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("strategy " + strategyId + " not found"));
        int v = version == null ? s.currentVersion() : version;
        StrategyRepository.VersionRow row = repository.version(strategyId, v)
                .orElseThrow(() -> ApiException.notFound("strategy " + strategyId + " has no version " + v));
        return new RunnableStrategy(s.id(), v, s.name(), JSON.readTree(row.spec()));
    }

    public Optional<Sharing> sharing(UUID strategyId) {
        return repository.find(strategyId).map(s -> new Sharing(s.ownerId(), s.isPublic(), s.hideDetails()));
    }

    /** What a card of a strategy shown elsewhere (community posts) may need: its name and how it is shared. */
    public record Profile(UUID id, UUID ownerId, String name, boolean isPublic, boolean anonymous,
                          boolean hideDetails) {
    }

    /** The strategy's {@link Profile}; callers decide what to show (only public ones to others). */
    public Optional<Profile> profile(UUID strategyId) {
        return repository.find(strategyId).map(s -> new Profile(s.id(), s.ownerId(), s.name(), s.isPublic(),
                s.anonymous(), s.hideDetails()));
    }

    @Transactional
    StrategyResponse create(CurrentUser user, StrategyRequest req) {
        JsonNode spec = validSpec(req.spec());
        Instant now = clock.instant();
        String name = name(req.name(), spec);
        Strategy s = new Strategy(UUID.randomUUID(), user.id(), name, description(req.description(), spec),
                tags(req.tags()), visibility(req.visibility(), Strategy.Visibility.PRIVATE),
                Boolean.TRUE.equals(req.anonymous()), Boolean.TRUE.equals(req.hideDetails()), 1, null, now, now);
        repository.insert(s);
        repository.insertVersion(s.id(), 1, JSON.writeValueAsString(spec), note(req.note()), now);
        events.publishEvent(new StrategyChanged(s.id(), s.ownerId(), s.name(), StrategyChanged.Kind.CREATED,
                s.isPublic(), false, s.anonymous(), 1, true, now));
        return view(user, s, spec);
    }

    @Transactional
    StrategyResponse update(CurrentUser user, UUID id, StrategyRequest req) {
        Strategy s = repository.findForUpdate(id).filter(x -> x.ownerId().equals(user.id()))
                .orElseThrow(() -> notFound(id));
        JsonNode spec = req.spec() == null ? null : validSpec(req.spec());
        Instant now = clock.instant();
        int version = s.currentVersion();
        if (spec != null) {
            version++;
            repository.insertVersion(id, version, JSON.writeValueAsString(spec), note(req.note()), now);
        }
        Strategy updated = new Strategy(id, s.ownerId(), req.name() == null ? s.name() : name(req.name(), null),
                req.description() == null ? s.description() : description(req.description(), null),
                req.tags() == null ? s.tags() : tags(req.tags()),
                req.visibility() == null ? s.visibility() : visibility(req.visibility(), s.visibility()),
                req.anonymous() == null ? s.anonymous() : req.anonymous(),
                req.hideDetails() == null ? s.hideDetails() : req.hideDetails(), version, s.clonedFrom(),
                s.createdAt(), now);
        repository.update(updated);
        events.publishEvent(new StrategyChanged(id, s.ownerId(), updated.name(), StrategyChanged.Kind.UPDATED,
                updated.isPublic(), s.isPublic(), updated.anonymous(), version, spec != null, now));
        return view(user, updated, currentSpec(updated));
    }

    StrategyResponse get(CurrentUser user, UUID id) {
        Strategy s = visible(user, id);
        return view(user, s, currentSpec(s));
    }

    List<VersionResponse> versions(CurrentUser user, UUID id) {
        Strategy s = visible(user, id);
        boolean hidden = hidden(user, s);
        return repository.versions(id).stream().map(v -> new VersionResponse(v.version(), v.note(), v.createdAt(),
                hidden ? null : JSON.readTree(v.spec()))).toList();
    }

    VersionResponse version(CurrentUser user, UUID id, int version) {
        Strategy s = visible(user, id);
        StrategyRepository.VersionRow v = repository.version(id, version)
                .orElseThrow(() -> ApiException.notFound("strategy " + id + " has no version " + version));
        return new VersionResponse(v.version(), v.note(), v.createdAt(), hidden(user, s) ? null : JSON.readTree(v.spec()));
    }

    PageResponse<StrategyResponse> mine(CurrentUser user, int page, int size) {
        long total = repository.countByOwner(user.id());
        List<StrategyResponse> items = repository.byOwner(user.id(), page * size, size).stream()
                .map(s -> view(user, s, currentSpec(s))).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    PageResponse<StrategyResponse> publicOnes(CurrentUser user, String q, int page, int size) {
        String query = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        long total = repository.countPublic(query);
        List<StrategyResponse> items = repository.publicOnes(query, page * size, size).stream()
                .map(s -> view(user, s, hidden(user, s) ? null : currentSpec(s))).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @Transactional
    void delete(CurrentUser user, UUID id) {
        Strategy s = repository.find(id).filter(x -> x.ownerId().equals(user.id())).orElseThrow(() -> notFound(id));
        repository.delete(id);
        events.publishEvent(new StrategyChanged(id, s.ownerId(), s.name(), StrategyChanged.Kind.DELETED, s.isPublic(),
                s.isPublic(), s.anonymous(), s.currentVersion(), false, clock.instant()));
    }

    /** Copies a public strategy (or one of the caller's) into a new private strategy of the caller. */
    @Transactional
    StrategyResponse cloneOf(CurrentUser user, UUID id, String newName) {
        Strategy s = visible(user, id);
        if (hidden(user, s)) {
            throw new ApiException(ProblemType.FORBIDDEN, "The owner of strategy " + id + " hides its rules; it cannot"
                    + " be cloned.");
        }
        JsonNode spec = currentSpec(s);
        Instant now = clock.instant();
        Strategy copy = new Strategy(UUID.randomUUID(), user.id(),
                newName == null || newName.isBlank() ? name("Copy of " + s.name(), null) : name(newName, null),
                s.description(), s.tags(), Strategy.Visibility.PRIVATE, false, false, 1, s.id(), now, now);
        repository.insert(copy);
        repository.insertVersion(copy.id(), 1, JSON.writeValueAsString(spec), "cloned from " + s.id() + " v"
                + s.currentVersion(), now);
        events.publishEvent(new StrategyChanged(copy.id(), copy.ownerId(), copy.name(), StrategyChanged.Kind.CREATED,
                false, false, false, 1, true, now));
        return view(user, copy, spec);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Strategy visible(CurrentUser user, UUID id) {
        return repository.find(id).filter(s -> s.ownerId().equals(user.id()) || s.isPublic() || user.isAdmin())
                .orElseThrow(() -> notFound(id));
    }

    private static boolean hidden(CurrentUser user, Strategy s) {
        return s.hideDetails() && !s.ownerId().equals(user.id()) && !user.isAdmin();
    }

    private JsonNode currentSpec(Strategy s) {
        return repository.version(s.id(), s.currentVersion()).map(v -> JSON.readTree(v.spec())).orElse(null);
    }

    private static StrategyResponse view(CurrentUser user, Strategy s, JsonNode spec) {
        boolean mine = s.ownerId().equals(user.id());
        boolean hidden = hidden(user, s);
        return new StrategyResponse(s.id(), s.name(), s.description(), s.tags(), s.visibility().name(),
                s.anonymous(), s.hideDetails(), s.currentVersion(), s.anonymous() && !mine ? null : s.ownerId(), mine,
                s.clonedFrom(), hidden ? null : spec, hidden, s.createdAt(), s.updatedAt());
    }

    private JsonNode validSpec(JsonNode spec) {
        validator.require(spec, "spec");
        return spec;
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("strategy " + id + " not found");
    }

    private static String name(String name, JsonNode spec) {
        String n = name;
        if ((n == null || n.isBlank()) && spec != null && spec.path("name").isString()) n = spec.path("name").asString();
        if (n == null || n.isBlank()) throw ApiException.invalidField("name", "must not be blank");
        n = n.strip();
        if (n.length() > 200) throw ApiException.invalidField("name", "must be at most 200 characters");
        return n;
    }

    private static String description(String d, JsonNode spec) {
        String text = d;
        if (text == null && spec != null && spec.path("description").isString()) text = spec.path("description").asString();
        if (text != null && text.length() > 4000) throw ApiException.invalidField("description", "must be at most 4000 characters");
        return text;
    }

    private static String note(String note) {
        if (note != null && note.length() > 500) throw ApiException.invalidField("note", "must be at most 500 characters");
        return note;
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) return List.of();
        List<FieldProblem> problems = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i) == null ? "" : tags.get(i).strip().toLowerCase(Locale.ROOT);
            if (!t.matches("[\\p{L}\\p{N}_-]{1,30}")) {
                problems.add(new FieldProblem("tags[" + i + "]", "a tag is 1-30 letters, digits, '_' or '-'"));
            } else if (!out.contains(t)) {
                out.add(t);
            }
        }
        if (out.size() > MAX_TAGS) problems.add(new FieldProblem("tags", "at most " + MAX_TAGS + " tags"));
        if (!problems.isEmpty()) throw ApiException.invalid(problems);
        return out;
    }

    private static Strategy.Visibility visibility(String v, Strategy.Visibility dflt) {
        if (v == null) return dflt;
        try {
            return Strategy.Visibility.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.VALIDATION, "The request content is invalid.",
                    List.of(new FieldProblem("visibility", "must be PUBLIC or PRIVATE")), Map.of());
        }
    }
}
