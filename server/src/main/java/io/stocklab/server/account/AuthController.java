package io.stocklab.server.account;

import io.stocklab.server.account.AccountDtos.LoginRequest;
import io.stocklab.server.account.AccountDtos.LogoutRequest;
import io.stocklab.server.account.AccountDtos.RefreshRequest;
import io.stocklab.server.account.AccountDtos.RegisterRequest;
import io.stocklab.server.account.AccountDtos.TokenResponse;
import io.stocklab.server.account.AccountDtos.UserResponse;
import io.stocklab.server.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Accounts, sessions and tokens")
class AuthController {
    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Create an account", description = "Email and nickname are unique, ignoring case.")
    @ApiResponse(responseCode = "201", description = "Account created")
    @ApiResponse(responseCode = "409", description = "Email or nickname already in use")
    ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request) {
        UserResponse user = accounts.register(request);
        return ResponseEntity.created(URI.create("/api/v1/users/me")).body(user);
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Log in", description = "Starts a session: a short-lived access token and a refresh "
            + "token. Failed attempts are throttled per account and per IP address.")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @ApiResponse(responseCode = "401", description = "Invalid email or password (the answer never says which)")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return accounts.login(request, http.getRemoteAddr());
    }

    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Exchange a refresh token for a new token pair",
            description = "Each refresh token works once. Presenting a used one again revokes the whole session.")
    @ApiResponse(responseCode = "200", description = "New token pair")
    @ApiResponse(responseCode = "401", description = "Refresh token invalid, expired, used or revoked")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return accounts.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @Operation(summary = "Log out", description = "Revokes the access token at once; with a refresh token in "
            + "the body, also ends that session.")
    @ApiResponse(responseCode = "204", description = "Logged out")
    ResponseEntity<Void> logout(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                @Valid @RequestBody(required = false) LogoutRequest request) {
        accounts.logout(user, request == null ? null : request.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
