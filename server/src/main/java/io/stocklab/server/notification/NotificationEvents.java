package io.stocklab.server.notification;

import io.stocklab.server.backtest.BacktestFinished;
import io.stocklab.server.community.CommentAdded;
import io.stocklab.server.community.PostLiked;
import io.stocklab.server.interest.InterestService;
import io.stocklab.server.notification.NotificationService.Draft;
import io.stocklab.server.strategy.StrategyChanged;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns other features' events into notifications. Every handler is idempotent (a dedup key per event and
 * recipient) and swallows its own failures: a notification problem never fails the backtest, comment or like that
 * caused it. Handlers run after the causing transaction committed, on one background thread of their own: the
 * like, comment or backtest never waits for a notification (nor holds its database connection and row locks
 * while one is stored). A notification is best effort: events queued when the process stops are not replayed.
 */
@Component
class NotificationEvents implements DisposableBean {
    /** Events waiting for the background thread; beyond this many the newest are dropped (and logged). */
    static final int QUEUE_CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(NotificationEvents.class);
    /** The owner of template warm-up backtests. */
    static final UUID SYSTEM = new UUID(0, 0);

    private final NotificationService notifications;
    private final InterestService interests;

    NotificationEvents(NotificationService notifications, InterestService interests) {
        this.notifications = notifications;
        this.interests = interests;
    }

    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE_CAPACITY), r -> {
                Thread t = new Thread(r, "notification-events");
                t.setDaemon(true);
                return t;
            });

    private void later(String what, Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException ex) {
                    log.warn("{} failed: {}", what, ex.toString());
                }
            });
        } catch (RejectedExecutionException ex) {
            log.warn("notification queue full or stopped; dropped {}", what);
        }
    }

    /** Waits until every event handed over so far is handled (tests, shutdown). */
    void drain() {
        try {
            Future<?> marker = worker.submit(() -> { });
            marker.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("notification events did not drain: " + e, e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @EventListener
    void on(BacktestFinished e) {
        if (e.ownerId() == null || SYSTEM.equals(e.ownerId())) return;
        later("backtest notification for " + e.backtestId(), () -> backtest(e));
    }

    private void backtest(BacktestFinished e) {
        {
            String name = e.name() == null || e.name().isBlank() ? "Backtest" : e.name();
            String link = "/backtests/" + e.backtestId();
            String key = "backtest:" + e.backtestId();
            if (e.completed()) {
                notifications.notify(new Draft(e.ownerId(), NotificationKind.BACKTEST_COMPLETED,
                        "Backtest completed: " + name, summary(e), link, key));
            } else if ("FAILED".equals(e.status())) {
                notifications.notify(new Draft(e.ownerId(), NotificationKind.BACKTEST_FAILED,
                        "Backtest failed: " + name, e.error() == null ? "The backtest failed." : e.error(), link, key));
            }
        }
    }

    static String summary(BacktestFinished e) {
        StringBuilder s = new StringBuilder();
        append(s, "Total return", e.totalReturnPct(), "%");
        append(s, "CAGR", e.cagrPct(), "%");
        append(s, "Sharpe", e.sharpe(), "");
        append(s, "Max drawdown", e.maxDrawdownPct(), "%");
        if (s.isEmpty()) s.append("The results are ready.");
        else s.append('.');
        if (e.cached()) s.append(" (Reused from an identical earlier run.)");
        return s.toString();
    }

    private static void append(StringBuilder s, String label, Double v, String unit) {
        if (v == null || v.isNaN()) return;
        if (!s.isEmpty()) s.append(", ");
        s.append(label).append(' ').append(String.format(Locale.ROOT, unit.isEmpty() ? "%.2f" : "%.1f", v))
                .append(unit);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CommentAdded e) {
        later("comment notification for " + e.commentId(), () -> comment(e));
    }

    private void comment(CommentAdded e) {
        {
            String who = e.authorNickname() == null ? "Someone" : e.authorNickname();
            String link = "/community/posts/" + e.postId() + "#comment-" + e.commentId();
            String key = "comment:" + e.commentId();
            String title = quote(e.postTitle());
            // the parent comment's author first: a reply is the more specific news when both are the same person
            if (e.parentAuthorId() != null && !e.parentAuthorId().equals(e.authorId())) {
                notifications.notify(new Draft(e.parentAuthorId(), NotificationKind.COMMENT,
                        who + " replied to your comment", "On " + title, link, key));
            }
            if (e.postAuthorId() != null && !e.postAuthorId().equals(e.authorId())
                    && !e.postAuthorId().equals(e.parentAuthorId())) {
                notifications.notify(new Draft(e.postAuthorId(), NotificationKind.COMMENT,
                        who + " commented on your post", title, link, key));
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PostLiked e) {
        if (e.postAuthorId() == null || e.postAuthorId().equals(e.likerId())) return;
        later("like notification for " + e.postId(), () -> like(e));
    }

    private void like(PostLiked e) {
        {
            String who = e.likerNickname() == null ? "Someone" : e.likerNickname();
            notifications.notify(new Draft(e.postAuthorId(), NotificationKind.LIKE, who + " liked your post",
                    quote(e.postTitle()), "/community/posts/" + e.postId(), "like:" + e.postId() + ":" + e.likerId()));
        }
    }

    /**
     * Followers hear about a public strategy's new spec version, and once that it is gone (deleted or made
     * private: the interest feature then drops the follows, after this handler).
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(StrategyChanged e) {
        String name = e.name() == null ? "A strategy" : e.name();
        boolean gone = (e.kind() == StrategyChanged.Kind.DELETED && (e.isPublic() || e.wasPublic()))
                || (e.kind() == StrategyChanged.Kind.UPDATED && e.wasPublic() && !e.isPublic());
        boolean updated = e.kind() == StrategyChanged.Kind.UPDATED && e.isPublic() && e.specChanged();
        if (!gone && !updated) return;
        // read now: the interest feature drops the follows of a strategy that is gone right after this handler
        List<UUID> followers;
        try {
            followers = interests.followers(e.strategyId());
        } catch (RuntimeException ex) {
            log.warn("followers of strategy {} unavailable: {}", e.strategyId(), ex.toString());
            return;
        }
        later("strategy notification for " + e.strategyId(), () -> {
            for (UUID follower : followers) {
                if (follower.equals(e.ownerId())) continue;
                if (gone) {
                    String what = e.kind() == StrategyChanged.Kind.DELETED ? "was deleted by its author"
                            : "was made private by its author";
                    notifications.notify(new Draft(follower, NotificationKind.STRATEGY_UPDATED,
                            name + " is no longer available",
                            "A strategy you followed " + what + "; you no longer follow it.", null,
                            "strategy:" + e.strategyId() + ":gone"));
                } else {
                    notifications.notify(new Draft(follower, NotificationKind.STRATEGY_UPDATED,
                            name + " was updated", "Version " + e.version() + " of a strategy you follow is out.",
                            "/strategies/" + e.strategyId(), "strategy:" + e.strategyId() + ":v" + e.version()));
                }
            }
        });
    }

    private static String quote(String title) {
        return title == null ? "your post" : "\u201c" + NotificationService.cut(title, 200) + "\u201d";
    }
}
