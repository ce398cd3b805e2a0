package io.stocklab.server.platform.error;

import java.io.IOException;

/** Raised while reading a request body that exceeds the configured limit. An IOException so stream readers pass it on. */
public class PayloadTooLargeException extends IOException {
    private final long limitBytes;

    public PayloadTooLargeException(long limitBytes) {
        super("Request body exceeds " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
