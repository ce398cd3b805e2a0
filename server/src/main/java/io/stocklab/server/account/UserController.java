package io.stocklab.server.account;

import io.stocklab.server.account.AccountDtos.ChangePasswordRequest;
import io.stocklab.server.account.AccountDtos.DeleteAccountRequest;
import io.stocklab.server.account.AccountDtos.QuotaResponse;
import io.stocklab.server.account.AccountDtos.TokenResponse;
import io.stocklab.server.account.AccountDtos.UserResponse;
import io.stocklab.server.platform.quota.QuotaService;
import io.stocklab.server.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "My account")
class UserController {
    private final AccountService accounts;
    private final QuotaService quotas;

    UserController(AccountService accounts, QuotaService quotas) {
        this.accounts = accounts;
        this.quotas = quotas;
    }

    @GetMapping("/me")
    @Operation(summary = "My account")
    UserResponse me(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        return accounts.me(user);
    }

    @GetMapping("/me/quota")
    @Operation(summary = "My plan's quotas and what is left of them")
    QuotaResponse quota(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        var limits = quotas.limits(user.plan());
        var backtests = quotas.backtestQuota(user);
        return new QuotaResponse(user.plan(), limits.apiCallsPerMinute(), backtests.limit(), backtests.remaining());
    }

    @PostMapping(path = "/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change my password",
            description = "Ends every session of the account, this one included, and returns a fresh token pair.")
    @ApiResponse(responseCode = "200", description = "Password changed; use the new tokens")
    TokenResponse changePassword(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                 @Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        return accounts.changePassword(user, request, http.getRemoteAddr());
    }

    @DeleteMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Delete my account", description = "Needs the current password. Cannot be undone.")
    @ApiResponse(responseCode = "204", description = "Account deleted")
    ResponseEntity<Void> delete(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                @Valid @RequestBody DeleteAccountRequest request, HttpServletRequest http) {
        accounts.deleteAccount(user, request, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
