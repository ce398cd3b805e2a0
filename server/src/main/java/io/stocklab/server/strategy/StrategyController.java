package io.stocklab.server.strategy;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.platform.web.PageResponse;
import io.stocklab.server.strategy.StrategyDtos.CloneRequest;
import io.stocklab.server.strategy.StrategyDtos.StrategyRequest;
import io.stocklab.server.strategy.StrategyDtos.StrategyResponse;
import io.stocklab.server.strategy.StrategyDtos.TemplateResponse;
import io.stocklab.server.strategy.StrategyDtos.ValidateResponse;
import io.stocklab.server.strategy.StrategyDtos.VersionResponse;
import io.stocklab.engine.spec.SpecReader;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/strategies")
class StrategyController {
    private final StrategyService service;
    private final SpecValidator validator;
    private final StrategyTemplates templates;
    private final ObjectProvider<TemplateResults> results;

    StrategyController(StrategyService service, SpecValidator validator, StrategyTemplates templates,
                       ObjectProvider<TemplateResults> results) {
        this.service = service;
        this.validator = validator;
        this.templates = templates;
        this.results = results;
    }

    @PostMapping
    ResponseEntity<StrategyResponse> create(@AuthenticationPrincipal CurrentUser user, @RequestBody StrategyRequest req) {
        StrategyResponse created = service.create(user, req);
        return ResponseEntity.created(URI.create("/api/v1/strategies/" + created.id())).body(created);
    }

    @GetMapping
    PageResponse<StrategyResponse> mine(@AuthenticationPrincipal CurrentUser user,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size) {
        return service.mine(user, page(page), size(size));
    }

    @GetMapping("/public")
    PageResponse<StrategyResponse> publicOnes(@AuthenticationPrincipal CurrentUser user,
                                              @RequestParam(required = false) String q,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "20") int size) {
        return service.publicOnes(user, q, page(page), size(size));
    }

    @GetMapping("/templates")
    List<TemplateResponse> templates() {
        TemplateResults lookup = results.getIfAvailable();
        return templates.all().stream().map(t -> new TemplateResponse(t.id(), t.name(), t.description(), t.source(),
                t.famous(), t.spec(), lookup == null ? null : lookup.latest(t.spec()).orElse(null))).toList();
    }

    @PostMapping("/validate")
    ValidateResponse validate(@RequestBody JsonNode spec) {
        SpecValidator.Validation v = validator.validate(spec);
        return new ValidateResponse(v.valid(), v.problems(), v.dataset() == null ? null : v.dataset().id(),
                v.dataset() == null ? null : v.dataset().version(), v.valid() ? SpecReader.toTree(v.spec()) : null);
    }

    @GetMapping("/{id}")
    StrategyResponse get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.get(user, id);
    }

    @PutMapping("/{id}")
    StrategyResponse update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                            @RequestBody StrategyRequest req) {
        return service.update(user, id, req);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/versions")
    List<VersionResponse> versions(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.versions(user, id);
    }

    @GetMapping("/{id}/versions/{version}")
    VersionResponse version(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                            @PathVariable int version) {
        return service.version(user, id, version);
    }

    @PostMapping("/{id}/clone")
    ResponseEntity<StrategyResponse> cloneOf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                             @RequestBody(required = false) CloneRequest req) {
        StrategyResponse created = service.cloneOf(user, id, req == null ? null : req.name());
        return ResponseEntity.created(URI.create("/api/v1/strategies/" + created.id())).body(created);
    }

    static int page(int page) {
        if (page < 0) throw ApiException.invalidField("page", "must be >= 0");
        return page;
    }

    static int size(int size) {
        if (size < 1 || size > 100) throw ApiException.invalidField("size", "must be between 1 and 100");
        return size;
    }
}
