package io.stocklab.server.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unsafe JWT secret into a short startup message saying why and what to do. */
class InsecureJwtSecretFailureAnalyzer extends AbstractFailureAnalyzer<InsecureJwtSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureJwtSecretException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set STOCKLAB_JWT_SECRET to a random value of at least " + JwtSecrets.MIN_BYTES
                        + " bytes, for example the output of `openssl rand -base64 48`.",
                cause);
    }
}
