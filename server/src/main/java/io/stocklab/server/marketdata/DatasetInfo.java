package io.stocklab.server.marketdata;

import java.time.LocalDate;

/**
 * A dataset a strategy can run on ({@code GET /api/v1/datasets}).
 *
 * @param id        stable id used in strategy specs ({@code dataset} field), e.g. {@code krx-demo}
 * @param version   changes whenever the data changes (part of a backtest's config hash)
 * @param synthetic true for generated data
 */
public record DatasetInfo(String id, String name, String description, boolean synthetic, boolean isDefault,
                          int assets, int days, long bars, LocalDate start, LocalDate end, String version) {
}
