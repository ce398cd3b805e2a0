package io.stocklab.server.community;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response types of the community API. */
final class CommunityDtos {
    private CommunityDtos() {
    }

    enum Category { STRATEGY, FREE, QNA }

    enum Sort { NEWEST, LIKES, COMMENTS }

    enum ReportReason { SPAM, ABUSE, ILLEGAL, MISINFORMATION, OTHER }

    enum ReportStatus { OPEN, RESOLVED }

    /** How an admin resolves a report. */
    enum ReportAction { DISMISS, HIDE_POST, DELETE_POST }

    @Schema(description = "A new post, or the full new state of an edited one")
    record PostRequest(
            @Schema(description = "STRATEGY, FREE or QNA", example = "STRATEGY") String category,
            @Schema(description = "1 to 200 characters") String title,
            @Schema(description = "Markdown, at most 20,000 characters; raw HTML is shown as text") String content,
            @Schema(description = "A public strategy to attach (optional)") UUID strategyId,
            @Schema(description = "A COMPLETED backtest of that strategy to show on the card (optional)")
            UUID backtestId) {
    }

    @Schema(description = "A user as shown next to posts and comments")
    record Author(UUID id, String nickname) {
    }

    @Schema(description = "Metrics of the attached backtest, read when the post is read")
    record BacktestCard(UUID id, String datasetId, Double totalReturnPct, Double cagrPct, Double sharpe,
                        Double maxDrawdownPct, Instant finishedAt) {
    }

    @Schema(description = "The attached strategy as a card. available=false when the strategy is no longer public"
            + " (or was deleted): nothing else is shown then")
    record StrategyCard(boolean available, UUID strategyId, String strategyName,
                        @Schema(description = "the strategy author's nickname, or \"anonymous\"") String author,
                        BacktestCard backtest) {
    }

    @Schema(description = "A post with its Markdown source and the server-rendered, sanitized HTML")
    record PostView(UUID id, Category category, String title, String content,
                    @Schema(description = "safe HTML rendered from content") String contentHtml,
                    Author author, boolean hidden, int likeCount, int commentCount, long viewCount,
                    boolean likedByMe, boolean mine, StrategyCard attachment, Instant createdAt, Instant updatedAt,
                    Instant editedAt) {
    }

    @Schema(description = "A post in a list: no content, an excerpt of its text")
    record PostSummary(UUID id, Category category, String title, String excerpt, Author author, boolean hidden,
                       int likeCount, int commentCount, long viewCount, boolean hasAttachment, Instant createdAt) {
    }

    @Schema(description = "A page of posts; pass nextCursor as cursor for the next one (null: last page)")
    record PostPage(List<PostSummary> items, String nextCursor) {
    }

    record CommentRequest(@Schema(description = "Markdown, 1 to 5,000 characters") String content,
                          @Schema(description = "the comment replied to (optional)") UUID parentId) {
    }

    record CommentEdit(String content) {
    }

    @Schema(description = "A comment. Comments come as a flat list in display order (a reply right after its"
            + " parent's subtree position, siblings oldest first) with parentId and depth (0 = top level). A deleted"
            + " comment that has replies stays as a placeholder: deleted=true, content \"[deleted]\", no author")
    record CommentView(UUID id, UUID postId, UUID parentId, int depth, Author author, String content,
                       String contentHtml, boolean deleted, boolean mine, Instant createdAt, Instant editedAt) {
    }

    @Schema(description = "The caller's like of a post and the post's like count")
    record LikeState(UUID postId, boolean liked, int likeCount) {
    }

    record ReportRequest(@Schema(description = "SPAM, ABUSE, ILLEGAL, MISINFORMATION or OTHER") String reason,
                         @Schema(description = "optional, at most 1,000 characters") String detail) {
    }

    record ReportView(UUID id, UUID postId, String postTitle, UUID reporterId, ReportReason reason, String detail,
                      ReportStatus status, Instant createdAt, Instant resolvedAt, UUID resolvedBy,
                      ReportAction resolution, String note) {
    }

    record ReportPage(List<ReportView> items, String nextCursor) {
    }

    record ResolveRequest(@Schema(description = "DISMISS, HIDE_POST or DELETE_POST") String action,
                          @Schema(description = "optional, at most 1,000 characters") String note) {
    }
}
