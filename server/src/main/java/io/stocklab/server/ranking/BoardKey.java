package io.stocklab.server.ranking;

/**
 * A board without its metric: runs on the same dataset version, market and period are comparable. {@code market}
 * is ALL (every run) or one market (runs whose universe is that market only).
 */
record BoardKey(String datasetId, String dataVersion, String market, RankingPeriod period) {
    static final String ALL_MARKETS = "ALL";

    /** A stable text id (used in Redis keys and as the in-process map key). */
    String id() {
        return datasetId + "|" + dataVersion + "|" + market + "|" + period.id();
    }

    static BoardKey parse(String id) {
        String[] p = id.split("\\|", -1);
        if (p.length != 4) throw new IllegalArgumentException("bad board id " + id);
        return new BoardKey(p[0], p[1], p[2], RankingPeriod.of(p[3], "period"));
    }
}
