package io.stocklab.server.platform.security;

/** The configured JWT signing secret is missing or unsafe; the application refuses to start. */
public class InsecureJwtSecretException extends IllegalStateException {
    public InsecureJwtSecretException(String message) {
        super(message);
    }
}
