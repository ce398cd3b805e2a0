package io.stocklab.server.marketdata;

/**
 * A provider call failed: the provider answered with an error (its own code and message kept), refused us
 * (rate limit, bad key) or was unreachable after the retries.
 */
class ProviderException extends RuntimeException {
    private final String provider;
    private final String code;
    private final boolean retryable;

    ProviderException(String provider, String code, String message, boolean retryable) {
        super(provider + ": " + message + (code == null ? "" : " [" + code + "]"));
        this.provider = provider;
        this.code = code;
        this.retryable = retryable;
    }

    ProviderException(String provider, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.code = null;
        this.retryable = true;
    }

    String provider() {
        return provider;
    }

    /** The provider's own error code (e.g. KIS {@code msg_cd}, OpenDART {@code status}), or null. */
    String code() {
        return code;
    }

    /** True for transient failures worth retrying (rate limit, 5xx, I/O). */
    boolean retryable() {
        return retryable;
    }
}
