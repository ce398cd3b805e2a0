package io.stocklab.server.backtest;

import java.time.Instant;
import java.util.UUID;

/**
 * The state of a backtest as {@code GET …/status}, the SSE stream and the WebSocket report it.
 *
 * @param percent       0..100 while running (100 when completed)
 * @param phase         {@code queued}, {@code loading}, {@code factors}, {@code simulating}, {@code saving}, or the
 *                      final status in lower case
 * @param simulatedDate the day being simulated (phase {@code simulating})
 * @param etaMs         estimated time left
 */
record StatusView(UUID id, String status, Integer queuePosition, double percent, String phase, String simulatedDate,
                  Long etaMs, Long estimatedDurationMs, Instant createdAt, Instant startedAt, Instant finishedAt,
                  Long durationMs, String error, String engineVersion, String dataVersion, boolean cached,
                  boolean terminal, Instant at) {

    static boolean isTerminal(String status) {
        return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
    }
}
