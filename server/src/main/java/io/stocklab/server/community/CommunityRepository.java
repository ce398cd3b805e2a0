package io.stocklab.server.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The community tables; only this feature reads or writes them. */
@Repository
class CommunityRepository {
    private static final String POST_COLUMNS = "id, author_id, category, title, content, content_html, excerpt, "
            + "strategy_id, backtest_id, hidden, like_count, comment_count, view_count, created_at, updated_at, "
            + "edited_at";
    private static final String SUMMARY_COLUMNS = "id, author_id, category, title, excerpt, strategy_id, hidden, "
            + "like_count, comment_count, view_count, created_at";
    private static final String COMMENT_COLUMNS = "id, post_id, parent_id, author_id, depth, content, content_html, "
            + "deleted, created_at, edited_at";
    private static final String REPORT_COLUMNS = "r.id, r.post_id, p.title, r.reporter_id, r.reason, r.detail, "
            + "r.status, r.created_at, r.resolved_at, r.resolved_by, r.resolution, r.note";

    private final JdbcClient jdbc;
    private final TextSearch search;

    CommunityRepository(JdbcClient jdbc, TextSearch search) {
        this.jdbc = jdbc;
        this.search = search;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    // ---- posts -------------------------------------------------------------------------------------------------

    record PostRow(UUID id, UUID authorId, String category, String title, String content, String contentHtml,
                   String excerpt, UUID strategyId, UUID backtestId, boolean hidden, int likeCount, int commentCount,
                   long viewCount, Instant createdAt, Instant updatedAt, Instant editedAt) {
    }

    record SummaryRow(UUID id, UUID authorId, String category, String title, String excerpt, UUID strategyId,
                      boolean hidden, int likeCount, int commentCount, long viewCount, Instant createdAt) {
    }

    private static PostRow post(ResultSet rs, int n) throws SQLException {
        return new PostRow(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                rs.getString("category"), rs.getString("title"), rs.getString("content"),
                rs.getString("content_html"), rs.getString("excerpt"), rs.getObject("strategy_id", UUID.class),
                rs.getObject("backtest_id", UUID.class), rs.getBoolean("hidden"), rs.getInt("like_count"),
                rs.getInt("comment_count"), rs.getLong("view_count"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "edited_at"));
    }

    private static SummaryRow summary(ResultSet rs, int n) throws SQLException {
        return new SummaryRow(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                rs.getString("category"), rs.getString("title"), rs.getString("excerpt"),
                rs.getObject("strategy_id", UUID.class), rs.getBoolean("hidden"), rs.getInt("like_count"),
                rs.getInt("comment_count"), rs.getLong("view_count"), instant(rs, "created_at"));
    }

    void insertPost(PostRow p) {
        jdbc.sql("INSERT INTO community_posts (id, author_id, category, title, content, content_html, excerpt,"
                        + " strategy_id, backtest_id, hidden, like_count, comment_count, view_count, created_at,"
                        + " updated_at) VALUES (:id, :author, :category, :title, :content, :html, :excerpt, :strategy,"
                        + " :backtest, FALSE, 0, 0, 0, :created, :created)")
                .param("id", p.id()).param("author", p.authorId()).param("category", p.category())
                .param("title", p.title()).param("content", p.content()).param("html", p.contentHtml())
                .param("excerpt", p.excerpt()).param("strategy", p.strategyId()).param("backtest", p.backtestId())
                .param("created", ts(p.createdAt()))
                .update();
    }

    void updatePost(PostRow p) {
        jdbc.sql("UPDATE community_posts SET category = :category, title = :title, content = :content,"
                        + " content_html = :html, excerpt = :excerpt, strategy_id = :strategy, backtest_id = :backtest,"
                        + " updated_at = :updated, edited_at = :updated WHERE id = :id")
                .param("id", p.id()).param("category", p.category()).param("title", p.title())
                .param("content", p.content()).param("html", p.contentHtml()).param("excerpt", p.excerpt())
                .param("strategy", p.strategyId()).param("backtest", p.backtestId())
                .param("updated", ts(p.updatedAt()))
                .update();
    }

    Optional<PostRow> findPost(UUID id) {
        return jdbc.sql("SELECT " + POST_COLUMNS + " FROM community_posts WHERE id = :id").param("id", id)
                .query(CommunityRepository::post).optional();
    }

    /**
     * Locks the post row for the rest of the transaction. Writes that insert a row referencing the post and then
     * change its counter take this lock first, so concurrent ones queue instead of deadlocking (H2 locks the
     * referenced row for the foreign-key check).
     */
    Optional<PostRow> findPostForUpdate(UUID id) {
        return jdbc.sql("SELECT " + POST_COLUMNS + " FROM community_posts WHERE id = :id FOR UPDATE").param("id", id)
                .query(CommunityRepository::post).optional();
    }

    void setHidden(UUID id, boolean hidden, Instant at) {
        jdbc.sql("UPDATE community_posts SET hidden = :hidden, updated_at = :at WHERE id = :id")
                .param("id", id).param("hidden", hidden).param("at", ts(at)).update();
    }

    boolean deletePost(UUID id) {
        return jdbc.sql("DELETE FROM community_posts WHERE id = :id").param("id", id).update() == 1;
    }

    /** The keyset of a list position: the sort key's value (null for NEWEST), the creation time and the id. */
    record Keyset(long value, Instant createdAt, UUID id) {
    }

    /**
     * One page of posts, newest / most liked / most commented first (ties: newer first, then by id).
     *
     * @param viewer null for anonymous readers; hidden posts are left out except the viewer's own (or all for
     *               {@code admin})
     */
    List<SummaryRow> list(UUID viewer, boolean admin, String category, UUID author, String q,
                          CommunityDtos.Sort sort, Keyset after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM community_posts WHERE 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (!admin) {
            if (viewer == null) {
                sql.append(" AND hidden = FALSE");
            } else {
                sql.append(" AND (hidden = FALSE OR author_id = :viewer)");
                params.add(new Object[] {"viewer", viewer});
            }
        }
        if (category != null) {
            sql.append(" AND category = :category");
            params.add(new Object[] {"category", category});
        }
        if (author != null) {
            sql.append(" AND author_id = :author");
            params.add(new Object[] {"author", author});
        }
        if (q != null) {
            TextSearch.Condition c = search.condition(q);
            sql.append(" AND ").append(c.sql());
            c.params().forEach((k, v) -> params.add(new Object[] {k, v}));
        }
        String key = switch (sort) {
            case NEWEST -> null;
            case LIKES -> "like_count";
            case COMMENTS -> "comment_count";
        };
        if (after != null) {
            String tail = "created_at < :cc OR (created_at = :cc AND id < :cid)";
            if (key == null) {
                sql.append(" AND (").append(tail).append(")");
            } else {
                sql.append(" AND (").append(key).append(" < :cv OR (").append(key).append(" = :cv AND (")
                        .append(tail).append(")))");
                params.add(new Object[] {"cv", after.value()});
            }
            params.add(new Object[] {"cc", ts(after.createdAt())});
            params.add(new Object[] {"cid", after.id()});
        }
        sql.append(" ORDER BY ").append(key == null ? "" : key + " DESC, ").append("created_at DESC, id DESC")
                .append(" LIMIT :limit");
        JdbcClient.StatementSpec st = jdbc.sql(sql.toString()).param("limit", limit);
        for (Object[] p : params) st = st.param((String) p[0], p[1]);
        return st.query(CommunityRepository::summary).list();
    }

    // ---- likes -------------------------------------------------------------------------------------------------

    /** Inserts the like unless it exists (also under concurrent requests); answers whether it was new. */
    boolean insertLike(UUID post, UUID user, Instant at) {
        return jdbc.sql("INSERT INTO community_likes (post_id, user_id, created_at) VALUES (:post, :user, :at)"
                        + " ON CONFLICT DO NOTHING")
                .param("post", post).param("user", user).param("at", ts(at)).update() == 1;
    }

    boolean deleteLike(UUID post, UUID user) {
        return jdbc.sql("DELETE FROM community_likes WHERE post_id = :post AND user_id = :user")
                .param("post", post).param("user", user).update() == 1;
    }

    void addToLikeCount(UUID post, int delta) {
        jdbc.sql("UPDATE community_posts SET like_count = like_count + :d WHERE id = :id")
                .param("d", delta).param("id", post).update();
    }

    int likeCount(UUID post) {
        return jdbc.sql("SELECT like_count FROM community_posts WHERE id = :id").param("id", post)
                .query(Integer.class).optional().orElse(0);
    }

    int countLikeRows(UUID post) {
        return jdbc.sql("SELECT COUNT(*) FROM community_likes WHERE post_id = :id").param("id", post)
                .query(Integer.class).single();
    }

    boolean liked(UUID post, UUID user) {
        return jdbc.sql("SELECT COUNT(*) FROM community_likes WHERE post_id = :post AND user_id = :user")
                .param("post", post).param("user", user).query(Integer.class).single() > 0;
    }

    // ---- views -------------------------------------------------------------------------------------------------

    /**
     * Counts a view unless this viewer's last counted view of the post is more recent than {@code cutoff}. Both
     * statements are single-row atomic: concurrent reloads count once.
     */
    boolean countView(UUID post, String viewer, Instant now, Instant cutoff) {
        boolean counted = jdbc.sql("INSERT INTO community_views (post_id, viewer, viewed_at) VALUES (:post, :viewer,"
                        + " :now) ON CONFLICT DO NOTHING")
                .param("post", post).param("viewer", viewer).param("now", ts(now)).update() == 1;
        if (!counted) {
            counted = jdbc.sql("UPDATE community_views SET viewed_at = :now WHERE post_id = :post AND viewer = :viewer"
                            + " AND viewed_at <= :cutoff")
                    .param("post", post).param("viewer", viewer).param("now", ts(now)).param("cutoff", ts(cutoff))
                    .update() == 1;
        }
        if (counted) {
            jdbc.sql("UPDATE community_posts SET view_count = view_count + 1 WHERE id = :id").param("id", post)
                    .update();
        }
        return counted;
    }

    // ---- comments ----------------------------------------------------------------------------------------------

    record CommentRow(UUID id, UUID postId, UUID parentId, UUID authorId, int depth, String content,
                      String contentHtml, boolean deleted, Instant createdAt, Instant editedAt) {
    }

    private static CommentRow comment(ResultSet rs, int n) throws SQLException {
        return new CommentRow(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class),
                rs.getObject("parent_id", UUID.class), rs.getObject("author_id", UUID.class), rs.getInt("depth"),
                rs.getString("content"), rs.getString("content_html"), rs.getBoolean("deleted"),
                instant(rs, "created_at"), instant(rs, "edited_at"));
    }

    void insertComment(CommentRow c) {
        jdbc.sql("INSERT INTO community_comments (" + COMMENT_COLUMNS + ", updated_at) VALUES (:id, :post, :parent,"
                        + " :author, :depth, :content, :html, FALSE, :created, NULL, :created)")
                .param("id", c.id()).param("post", c.postId()).param("parent", c.parentId())
                .param("author", c.authorId()).param("depth", c.depth()).param("content", c.content())
                .param("html", c.contentHtml()).param("created", ts(c.createdAt()))
                .update();
    }

    Optional<CommentRow> findComment(UUID id) {
        return jdbc.sql("SELECT " + COMMENT_COLUMNS + " FROM community_comments WHERE id = :id").param("id", id)
                .query(CommunityRepository::comment).optional();
    }

    void editComment(UUID id, String content, String html, Instant at) {
        jdbc.sql("UPDATE community_comments SET content = :content, content_html = :html, updated_at = :at,"
                        + " edited_at = :at WHERE id = :id")
                .param("id", id).param("content", content).param("html", html).param("at", ts(at)).update();
    }

    /** Marks the comment deleted (its text is erased); answers whether it was not deleted before. */
    boolean softDeleteComment(UUID id, Instant at) {
        return jdbc.sql("UPDATE community_comments SET deleted = TRUE, content = '', content_html = '',"
                        + " updated_at = :at WHERE id = :id AND deleted = FALSE")
                .param("id", id).param("at", ts(at)).update() == 1;
    }

    void addToCommentCount(UUID post, int delta) {
        jdbc.sql("UPDATE community_posts SET comment_count = comment_count + :d WHERE id = :id")
                .param("d", delta).param("id", post).update();
    }

    List<CommentRow> comments(UUID post) {
        return jdbc.sql("SELECT " + COMMENT_COLUMNS + " FROM community_comments WHERE post_id = :post"
                        + " ORDER BY created_at, id")
                .param("post", post).query(CommunityRepository::comment).list();
    }

    // ---- reports -----------------------------------------------------------------------------------------------

    record ReportRow(UUID id, UUID postId, String postTitle, UUID reporterId, String reason, String detail,
                     String status, Instant createdAt, Instant resolvedAt, UUID resolvedBy, String resolution,
                     String note) {
    }

    private static ReportRow report(ResultSet rs, int n) throws SQLException {
        return new ReportRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                instant(rs, "created_at"), instant(rs, "resolved_at"), rs.getObject(10, UUID.class),
                rs.getString(11), rs.getString(12));
    }

    /** Inserts the report unless this user already reported the post; answers whether it was new. */
    boolean insertReport(UUID id, UUID post, UUID reporter, String reason, String detail, Instant at) {
        return jdbc.sql("INSERT INTO community_reports (id, post_id, reporter_id, reason, detail, status, created_at)"
                        + " VALUES (:id, :post, :reporter, :reason, :detail, 'OPEN', :at) ON CONFLICT DO NOTHING")
                .param("id", id).param("post", post).param("reporter", reporter).param("reason", reason)
                .param("detail", detail).param("at", ts(at)).update() == 1;
    }

    Optional<ReportRow> findReport(UUID id) {
        return jdbc.sql("SELECT " + REPORT_COLUMNS + " FROM community_reports r JOIN community_posts p"
                        + " ON p.id = r.post_id WHERE r.id = :id")
                .param("id", id).query(CommunityRepository::report).optional();
    }

    /** Resolves every open report of a post (when the post is hidden or deleted); answers how many. */
    int resolveOpenReportsOfPost(UUID post, UUID admin, String resolution, String note, Instant at) {
        return jdbc.sql("UPDATE community_reports SET status = 'RESOLVED', resolved_at = :at, resolved_by = :admin,"
                        + " resolution = :resolution, note = :note WHERE post_id = :post AND status = 'OPEN'")
                .param("post", post).param("admin", admin).param("resolution", resolution).param("note", note)
                .param("at", ts(at)).update();
    }

    boolean resolveReport(UUID id, UUID admin, String resolution, String note, Instant at) {
        return jdbc.sql("UPDATE community_reports SET status = 'RESOLVED', resolved_at = :at, resolved_by = :admin,"
                        + " resolution = :resolution, note = :note WHERE id = :id AND status = 'OPEN'")
                .param("id", id).param("admin", admin).param("resolution", resolution).param("note", note)
                .param("at", ts(at)).update() == 1;
    }

    /** Reports oldest first (the moderation queue), keyset-paginated by (created_at, id). */
    List<ReportRow> reports(String status, Instant afterCreated, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + REPORT_COLUMNS + " FROM community_reports r"
                + " JOIN community_posts p ON p.id = r.post_id WHERE 1 = 1");
        if (status != null) sql.append(" AND r.status = :status");
        if (afterId != null) {
            sql.append(" AND (r.created_at > :cc OR (r.created_at = :cc AND r.id > :cid))");
        }
        sql.append(" ORDER BY r.created_at, r.id LIMIT :limit");
        JdbcClient.StatementSpec st = jdbc.sql(sql.toString()).param("limit", limit);
        if (status != null) st = st.param("status", status.toUpperCase(Locale.ROOT));
        if (afterId != null) st = st.param("cc", ts(afterCreated)).param("cid", afterId);
        return st.query(CommunityRepository::report).list();
    }
}
