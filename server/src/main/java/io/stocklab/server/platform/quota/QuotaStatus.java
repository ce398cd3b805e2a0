package io.stocklab.server.platform.quota;

import java.time.Duration;

/** Where a user stands against one quota. */
public record QuotaStatus(long limit, long remaining, Duration period) {
}
