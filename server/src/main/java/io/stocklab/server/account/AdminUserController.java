package io.stocklab.server.account;

import io.stocklab.server.account.AccountDtos.AdminUserResponse;
import io.stocklab.server.account.AccountDtos.AdminUserUpdate;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.platform.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/users")
@Tag(name = "Admin: users", description = "Needs the ADMIN role")
class AdminUserController {
    private final AccountService accounts;

    AdminUserController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "List accounts", description = "Oldest first; `q` filters on email or nickname.")
    PageResponse<AdminUserResponse> list(
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return accounts.list(q, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account")
    AdminUserResponse get(@PathVariable UUID id) {
        return accounts.get(id);
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an account's role, plan or disabled state",
            description = "Disabling ends every session of the account at once.")
    @ApiResponse(responseCode = "200", description = "Updated account")
    @ApiResponse(responseCode = "409", description = "Admins cannot demote or disable themselves")
    AdminUserResponse update(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser admin,
                             @PathVariable UUID id, @Valid @RequestBody AdminUserUpdate update) {
        return accounts.update(admin, id, update);
    }
}
