package io.stocklab.server.notification;

/** What a notification is about. Outbound channels choose which kinds they receive. */
enum NotificationKind {
    BACKTEST_COMPLETED,
    BACKTEST_FAILED,
    COMMENT,
    LIKE,
    STRATEGY_UPDATED
}
