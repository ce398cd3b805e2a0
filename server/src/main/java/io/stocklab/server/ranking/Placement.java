package io.stocklab.server.ranking;

/** An entry on a board. */
record Placement(BoardKey board, BoardEntry entry) {
}
