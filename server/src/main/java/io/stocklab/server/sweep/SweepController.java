package io.stocklab.server.sweep;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.sweep.SweepService.SweepRequest;
import io.stocklab.server.sweep.SweepService.SweepView;
import java.net.URI;
import java.util.List;
import java.util.UUID;
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
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/sweeps")
class SweepController {
    private final SweepService service;

    SweepController(SweepService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<SweepView> submit(@AuthenticationPrincipal CurrentUser user, @RequestBody SweepRequest req) {
        SweepView v = service.submit(user, req);
        return ResponseEntity.accepted().location(URI.create("/api/v1/sweeps/" + v.id())).body(v);
    }

    @GetMapping
    List<SweepView> mine(@AuthenticationPrincipal CurrentUser user) {
        return service.mine(user);
    }

    @GetMapping("/{id}")
    SweepView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.get(user, id);
    }

    @GetMapping("/{id}/results")
    JsonNode results(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                     @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0) throw ApiException.invalidField("offset", "must be >= 0");
        if (limit < 1 || limit > 1000) throw ApiException.invalidField("limit", "must be between 1 and 1000");
        return service.results(user, id, offset, limit);
    }

    @GetMapping("/{id}/out-of-sample")
    SweepService.OutOfSampleCurve outOfSample(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.outOfSample(user, id);
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<SweepView> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(service.cancel(user, id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }
}
