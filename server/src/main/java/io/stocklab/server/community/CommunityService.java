package io.stocklab.server.community;

import io.stocklab.server.account.AccountDirectory;
import io.stocklab.server.backtest.BacktestLookup;
import io.stocklab.server.community.CommunityDtos.Author;
import io.stocklab.server.community.CommunityDtos.BacktestCard;
import io.stocklab.server.community.CommunityDtos.Category;
import io.stocklab.server.community.CommunityDtos.CommentRequest;
import io.stocklab.server.community.CommunityDtos.CommentView;
import io.stocklab.server.community.CommunityDtos.LikeState;
import io.stocklab.server.community.CommunityDtos.PostPage;
import io.stocklab.server.community.CommunityDtos.PostRequest;
import io.stocklab.server.community.CommunityDtos.PostSummary;
import io.stocklab.server.community.CommunityDtos.PostView;
import io.stocklab.server.community.CommunityDtos.ReportAction;
import io.stocklab.server.community.CommunityDtos.ReportPage;
import io.stocklab.server.community.CommunityDtos.ReportReason;
import io.stocklab.server.community.CommunityDtos.ReportRequest;
import io.stocklab.server.community.CommunityDtos.ReportStatus;
import io.stocklab.server.community.CommunityDtos.ReportView;
import io.stocklab.server.community.CommunityDtos.ResolveRequest;
import io.stocklab.server.community.CommunityDtos.Sort;
import io.stocklab.server.community.CommunityDtos.StrategyCard;
import io.stocklab.server.community.CommunityRepository.CommentRow;
import io.stocklab.server.community.CommunityRepository.Keyset;
import io.stocklab.server.community.CommunityRepository.PostRow;
import io.stocklab.server.community.CommunityRepository.ReportRow;
import io.stocklab.server.community.CommunityRepository.SummaryRow;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.FieldProblem;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.strategy.StrategyService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts, nested comments, likes, views, reports and moderation. {@link CommentAdded} and {@link PostLiked} are
 * published inside the writing transaction: listeners use {@code @TransactionalEventListener} (after commit), so
 * they never see a change that was rolled back.
 */
@Service
class CommunityService {
    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT = 20_000;
    static final int MAX_COMMENT = 5_000;
    static final int MAX_DETAIL = 1_000;
    static final int EXCERPT = 200;
    /** Comment nesting: depth 0 (top level) to MAX_DEPTH - 1. */
    static final int MAX_DEPTH = 5;
    static final int MAX_LIMIT = 50;
    /** A viewer's views of a post count once per this window. */
    static final Duration VIEW_WINDOW = Duration.ofHours(24);
    static final String ANONYMOUS = "anonymous";
    static final String DELETED = "[deleted]";

    private final CommunityRepository repository;
    private final MarkdownRenderer markdown;
    private final AccountDirectory accounts;
    private final StrategyService strategies;
    private final BacktestLookup backtests;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommunityService(CommunityRepository repository, MarkdownRenderer markdown, AccountDirectory accounts,
                     StrategyService strategies, BacktestLookup backtests, ApplicationEventPublisher events,
                     Clock clock) {
        this.repository = repository;
        this.markdown = markdown;
        this.accounts = accounts;
        this.strategies = strategies;
        this.backtests = backtests;
        this.events = events;
        this.clock = clock;
    }

    // ---- posts -------------------------------------------------------------------------------------------------

    @Transactional
    PostView create(CurrentUser user, PostRequest req) {
        ValidPost v = validate(req, null);
        Instant now = clock.instant();
        MarkdownRenderer.Rendered r = markdown.render(v.content(), EXCERPT);
        PostRow row = new PostRow(UUID.randomUUID(), user.id(), v.category().name(), v.title(), v.content(),
                r.html(), r.excerpt(), v.strategyId(), v.backtestId(), false, 0, 0, 0, now, now, null);
        repository.insertPost(row);
        return view(user, row);
    }

    @Transactional
    PostView update(CurrentUser user, UUID id, PostRequest req) {
        PostRow p = visible(user, id);
        if (!p.authorId().equals(user.id())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the author can edit a post.");
        }
        ValidPost v = validate(req, p);
        Instant now = clock.instant();
        MarkdownRenderer.Rendered r = markdown.render(v.content(), EXCERPT);
        PostRow updated = new PostRow(p.id(), p.authorId(), v.category().name(), v.title(), v.content(), r.html(),
                r.excerpt(), v.strategyId(), v.backtestId(), p.hidden(), p.likeCount(), p.commentCount(),
                p.viewCount(), p.createdAt(), now, now);
        repository.updatePost(updated);
        return view(user, updated);
    }

    @Transactional
    void delete(CurrentUser user, UUID id) {
        PostRow p = visible(user, id);
        if (!p.authorId().equals(user.id()) && !user.isAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the author or an admin can delete a post.");
        }
        repository.deletePost(id);
    }

    /**
     * Reads a post and counts the view (once per viewer and {@link #VIEW_WINDOW}). Not one transaction: each
     * statement of the view count is atomic on its own, and no lock is held while the page is assembled.
     */
    PostView read(CurrentUser user, UUID id, String clientAddress, String userAgent) {
        PostRow p = visible(user, id);
        Instant now = clock.instant();
        if (repository.countView(id, viewerKey(user, clientAddress, userAgent), now, now.minus(VIEW_WINDOW))) {
            p = repository.findPost(id).orElse(p);
        }
        return view(user, p);
    }

    /** 'u:' + user id, or for anonymous readers 'a:' + the first 40 hex digits of SHA-256(IP, NUL, User-Agent). */
    static String viewerKey(CurrentUser user, String clientAddress, String userAgent) {
        if (user != null) return "u:" + user.id();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((Objects.toString(clientAddress, "") + "\u0000"
                    + Objects.toString(userAgent, "")).getBytes(StandardCharsets.UTF_8));
            return "a:" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    PostPage list(CurrentUser user, String category, UUID author, String q, String sort, String cursor, int limit) {
        Category cat = category == null || category.isBlank() ? null : parse(Category.class, "category", category);
        Sort s = sort == null || sort.isBlank() ? Sort.NEWEST : parse(Sort.class, "sort", sort);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > 200) throw ApiException.invalidField("q", "at most 200 characters");
        Keyset after = decodeCursor(cursor, s);
        List<SummaryRow> rows = repository.list(user == null ? null : user.id(), user != null && user.isAdmin(),
                cat == null ? null : cat.name(), author, query, s, after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            SummaryRow last = rows.getLast();
            long value = switch (s) {
                case NEWEST -> 0;
                case LIKES -> last.likeCount();
                case COMMENTS -> last.commentCount();
            };
            next = encodeCursor(s, value, last.createdAt(), last.id());
        }
        Map<UUID, String> names = accounts.nicknames(rows.stream().map(SummaryRow::authorId).toList());
        List<PostSummary> items = rows.stream().map(r -> new PostSummary(r.id(), Category.valueOf(r.category()),
                r.title(), r.excerpt(), author(names, r.authorId()), r.hidden(), r.likeCount(), r.commentCount(),
                r.viewCount(), r.strategyId() != null, r.createdAt())).toList();
        return new PostPage(items, next);
    }

    static String encodeCursor(Sort sort, long value, Instant createdAt, UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((sort.name() + "|" + value + "|" + createdAt
                + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Keyset decodeCursor(String cursor, Sort sort) {
        if (cursor == null || cursor.isBlank()) return null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4 || !parts[0].equals(sort.name())) throw new IllegalArgumentException();
            return new Keyset(Long.parseLong(parts[1]), Instant.parse(parts[2]), UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw ApiException.invalidField("cursor", "not a cursor of this list (sort "
                    + sort.name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    // ---- moderation --------------------------------------------------------------------------------------------

    @Transactional
    PostView setHidden(CurrentUser admin, UUID id, boolean hidden) {
        requireAdmin(admin);
        PostRow p = repository.findPost(id).orElseThrow(() -> postNotFound(id));
        Instant now = clock.instant();
        repository.setHidden(id, hidden, now);
        if (hidden) {
            repository.resolveOpenReportsOfPost(id, admin.id(), ReportAction.HIDE_POST.name(), null, now);
        }
        return view(admin, repository.findPost(id).orElse(p));
    }

    @Transactional
    ReportView report(CurrentUser user, UUID postId, ReportRequest req) {
        visible(user, postId);
        if (req == null) throw ApiException.invalidField("reason", "is required");
        ReportReason reason = req.reason() == null || req.reason().isBlank()
                ? fail("reason", "is required") : parse(ReportReason.class, "reason", req.reason());
        String detail = optionalText("detail", req.detail(), MAX_DETAIL);
        UUID id = UUID.randomUUID();
        if (!repository.insertReport(id, postId, user.id(), reason.name(), detail, clock.instant())) {
            throw ApiException.conflict(ProblemType.ALREADY_REPORTED, "You already reported this post.");
        }
        return report(repository.findReport(id).orElseThrow());
    }

    ReportPage reports(CurrentUser admin, String status, String cursor, int limit) {
        requireAdmin(admin);
        ReportStatus st = status == null || status.isBlank() ? ReportStatus.OPEN
                : status.equalsIgnoreCase("all") ? null : parse(ReportStatus.class, "status", status);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Instant cc = null;
        UUID cid = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\\|");
                cc = Instant.parse(parts[0]);
                cid = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiException.invalidField("cursor", "not a cursor of this list");
            }
        }
        List<ReportRow> rows = repository.reports(st == null ? null : st.name(), cc, cid, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ReportRow last = rows.getLast();
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|" + last.id())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new ReportPage(rows.stream().map(CommunityService::report).toList(), next);
    }

    @Transactional
    ReportView resolve(CurrentUser admin, UUID reportId, ResolveRequest req) {
        requireAdmin(admin);
        ReportRow r = repository.findReport(reportId)
                .orElseThrow(() -> ApiException.notFound("report " + reportId + " not found"));
        if (req == null || req.action() == null || req.action().isBlank()) {
            throw ApiException.invalidField("action", "is required (DISMISS, HIDE_POST or DELETE_POST)");
        }
        ReportAction action = parse(ReportAction.class, "action", req.action());
        String note = optionalText("note", req.note(), MAX_DETAIL);
        if (!"OPEN".equals(r.status())) {
            throw ApiException.conflict(ProblemType.CONFLICT, "The report is already resolved.");
        }
        Instant now = clock.instant();
        repository.resolveReport(reportId, admin.id(), action.name(), note, now);
        ReportView resolved = report(repository.findReport(reportId).orElseThrow());
        switch (action) {
            case DISMISS -> { }
            case HIDE_POST -> {
                repository.setHidden(r.postId(), true, now);
                repository.resolveOpenReportsOfPost(r.postId(), admin.id(), action.name(), note, now);
            }
            // the post's reports go with it
            case DELETE_POST -> repository.deletePost(r.postId());
        }
        return resolved;
    }

    private static ReportView report(ReportRow r) {
        return new ReportView(r.id(), r.postId(), r.postTitle(), r.reporterId(), ReportReason.valueOf(r.reason()),
                r.detail(), ReportStatus.valueOf(r.status()), r.createdAt(), r.resolvedAt(), r.resolvedBy(),
                r.resolution() == null ? null : ReportAction.valueOf(r.resolution()), r.note());
    }

    // ---- likes -------------------------------------------------------------------------------------------------

    /** Likes a post; a repeated (or concurrent) like changes nothing and publishes nothing. */
    @Transactional
    LikeState like(CurrentUser user, UUID postId) {
        PostRow p = visible(user, postId, true);
        if (repository.insertLike(postId, user.id(), clock.instant())) {
            repository.addToLikeCount(postId, 1);
            events.publishEvent(new PostLiked(postId, p.title(), p.authorId(), user.id(), nickname(user.id())));
        }
        return new LikeState(postId, true, repository.likeCount(postId));
    }

    @Transactional
    LikeState unlike(CurrentUser user, UUID postId) {
        visible(user, postId, true);
        if (repository.deleteLike(postId, user.id())) {
            repository.addToLikeCount(postId, -1);
        }
        return new LikeState(postId, false, repository.likeCount(postId));
    }

    // ---- comments ----------------------------------------------------------------------------------------------

    @Transactional
    CommentView comment(CurrentUser user, UUID postId, CommentRequest req) {
        PostRow p = visible(user, postId, true);
        String content = requiredText("content", req == null ? null : req.content(), MAX_COMMENT);
        UUID parentId = req.parentId();
        int depth = 0;
        UUID parentAuthor = null;
        if (parentId != null) {
            CommentRow parent = repository.findComment(parentId).filter(c -> c.postId().equals(postId))
                    .orElseThrow(() -> ApiException.invalidField("parentId", "no such comment on this post"));
            if (parent.deleted()) throw ApiException.invalidField("parentId", "the comment was deleted");
            if (parent.depth() + 1 >= MAX_DEPTH) {
                throw ApiException.invalidField("parentId", "replies nest at most " + MAX_DEPTH
                        + " levels deep; reply to an earlier comment of the thread");
            }
            depth = parent.depth() + 1;
            parentAuthor = parent.authorId();
        }
        Instant now = clock.instant();
        CommentRow row = new CommentRow(UUID.randomUUID(), postId, parentId, user.id(), depth, content,
                markdown.toSafeHtml(content), false, now, null);
        repository.insertComment(row);
        repository.addToCommentCount(postId, 1);
        String nickname = nickname(user.id());
        events.publishEvent(new CommentAdded(postId, p.title(), p.authorId(), row.id(), user.id(), nickname,
                parentAuthor));
        return comment(user, row, Map.of(user.id(), nickname == null ? "" : nickname));
    }

    @Transactional
    CommentView editComment(CurrentUser user, UUID commentId, String content) {
        CommentRow c = visibleComment(user, commentId);
        if (!c.authorId().equals(user.id())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the author can edit a comment.");
        }
        String text = requiredText("content", content, MAX_COMMENT);
        Instant now = clock.instant();
        String html = markdown.toSafeHtml(text);
        repository.editComment(commentId, text, html, now);
        CommentRow edited = new CommentRow(c.id(), c.postId(), c.parentId(), c.authorId(), c.depth(), text, html,
                false, c.createdAt(), now);
        return comment(user, edited, accounts.nicknames(List.of(user.id())));
    }

    @Transactional
    void deleteComment(CurrentUser user, UUID commentId) {
        CommentRow c = visibleComment(user, commentId);
        if (!c.authorId().equals(user.id()) && !user.isAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the author or an admin can delete a comment.");
        }
        repository.findPostForUpdate(c.postId());
        if (repository.softDeleteComment(commentId, clock.instant())) {
            repository.addToCommentCount(c.postId(), -1);
        }
    }

    /**
     * The comments of a post as a flat list in display order: depth-first, siblings oldest first. Deleted comments
     * are left out unless a reply below them is still there, in which case they show as "[deleted]".
     */
    List<CommentView> comments(CurrentUser user, UUID postId) {
        visible(user, postId);
        List<CommentRow> rows = repository.comments(postId);
        Map<UUID, List<CommentRow>> children = new HashMap<>();
        List<CommentRow> roots = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.id()));
        for (CommentRow r : rows) {
            if (r.parentId() == null || !ids.contains(r.parentId())) {
                roots.add(r);
            } else {
                children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<UUID, Boolean> keep = new HashMap<>();
        for (CommentRow root : roots) keeps(root, children, keep);
        Map<UUID, String> names = accounts.nicknames(rows.stream().filter(r -> !r.deleted())
                .map(CommentRow::authorId).distinct().toList());
        List<CommentView> out = new ArrayList<>();
        for (CommentRow root : roots) walk(user, root, children, keep, names, out);
        return out;
    }

    private static boolean keeps(CommentRow c, Map<UUID, List<CommentRow>> children, Map<UUID, Boolean> keep) {
        boolean any = !c.deleted();
        for (CommentRow child : children.getOrDefault(c.id(), List.of())) {
            any |= keeps(child, children, keep);
        }
        keep.put(c.id(), any);
        return any;
    }

    private void walk(CurrentUser user, CommentRow c, Map<UUID, List<CommentRow>> children, Map<UUID, Boolean> keep,
                      Map<UUID, String> names, List<CommentView> out) {
        if (!keep.getOrDefault(c.id(), false)) return;
        out.add(comment(user, c, names));
        for (CommentRow child : children.getOrDefault(c.id(), List.of())) {
            walk(user, child, children, keep, names, out);
        }
    }

    private static CommentView comment(CurrentUser user, CommentRow c, Map<UUID, String> names) {
        if (c.deleted()) {
            return new CommentView(c.id(), c.postId(), c.parentId(), c.depth(), null, DELETED,
                    "<p>" + DELETED + "</p>", true, false, c.createdAt(), null);
        }
        return new CommentView(c.id(), c.postId(), c.parentId(), c.depth(), author(names, c.authorId()),
                c.content(), c.contentHtml(), false, user != null && user.id().equals(c.authorId()), c.createdAt(),
                c.editedAt());
    }

    private CommentRow visibleComment(CurrentUser user, UUID commentId) {
        CommentRow c = repository.findComment(commentId).filter(x -> !x.deleted())
                .orElseThrow(() -> ApiException.notFound("comment " + commentId + " not found"));
        visible(user, c.postId());
        return c;
    }

    // ---- views of posts ----------------------------------------------------------------------------------------

    /** The post if this caller may see it: hidden posts only for their author and admins; otherwise 404. */
    private PostRow visible(CurrentUser user, UUID id) {
        return visible(user, id, false);
    }

    /** {@link #visible(CurrentUser, UUID)}, locking the post row for the transaction when {@code lock}. */
    private PostRow visible(CurrentUser user, UUID id, boolean lock) {
        PostRow p = (lock ? repository.findPostForUpdate(id) : repository.findPost(id))
                .orElseThrow(() -> postNotFound(id));
        if (p.hidden() && (user == null || !(user.isAdmin() || user.id().equals(p.authorId())))) {
            throw postNotFound(id);
        }
        return p;
    }

    private PostView view(CurrentUser user, PostRow p) {
        UUID viewer = user == null ? null : user.id();
        Map<UUID, String> names = accounts.nicknames(List.of(p.authorId()));
        return new PostView(p.id(), Category.valueOf(p.category()), p.title(), p.content(), p.contentHtml(),
                author(names, p.authorId()), p.hidden(), p.likeCount(), p.commentCount(), p.viewCount(),
                viewer != null && repository.liked(p.id(), viewer), p.authorId().equals(viewer), card(viewer, p),
                p.createdAt(), p.updatedAt(), p.editedAt());
    }

    /**
     * The attached strategy as the viewer may see it, computed now: a strategy that is no longer public (nor the
     * viewer's own) or no longer exists shows as unavailable, without its name or metrics.
     */
    private StrategyCard card(UUID viewer, PostRow p) {
        if (p.strategyId() == null) return null;
        Optional<StrategyService.Profile> profile = strategies.profile(p.strategyId())
                .filter(s -> s.isPublic() || s.ownerId().equals(viewer));
        if (profile.isEmpty()) return new StrategyCard(false, null, null, null, null);
        StrategyService.Profile s = profile.get();
        String author = s.anonymous() ? ANONYMOUS : accounts.nicknames(List.of(s.ownerId())).get(s.ownerId());
        BacktestCard bt = p.backtestId() == null ? null : backtests.summary(p.backtestId())
                .filter(b -> s.id().equals(b.strategyId()) && "COMPLETED".equals(b.status()))
                .map(b -> new BacktestCard(b.id(), b.datasetId(), b.totalReturnPct(), b.cagrPct(), b.sharpe(),
                        b.maxDrawdownPct(), b.finishedAt()))
                .orElse(null);
        return new StrategyCard(true, s.id(), s.name(), author == null ? ANONYMOUS : author, bt);
    }

    private static Author author(Map<UUID, String> names, UUID id) {
        return new Author(id, names.get(id));
    }

    private String nickname(UUID id) {
        return accounts.nicknames(List.of(id)).get(id);
    }

    // ---- validation --------------------------------------------------------------------------------------------

    private record ValidPost(Category category, String title, String content, UUID strategyId, UUID backtestId) {
    }

    private ValidPost validate(PostRequest req, PostRow existing) {
        if (req == null) throw ApiException.invalidField("title", "is required");
        List<FieldProblem> problems = new ArrayList<>();
        Category category = null;
        if (req.category() == null || req.category().isBlank()) {
            problems.add(new FieldProblem("category", "is required (STRATEGY, FREE or QNA)"));
        } else {
            try {
                category = Category.valueOf(req.category().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("category", "must be one of STRATEGY, FREE, QNA"));
            }
        }
        String title = req.title() == null ? "" : req.title().strip();
        if (title.isEmpty()) {
            problems.add(new FieldProblem("title", "is required"));
        } else if (title.length() > MAX_TITLE) {
            problems.add(new FieldProblem("title", "at most " + MAX_TITLE + " characters"));
        }
        String content = req.content() == null ? "" : req.content();
        if (content.isBlank()) {
            problems.add(new FieldProblem("content", "is required"));
        } else if (content.length() > MAX_CONTENT) {
            problems.add(new FieldProblem("content", "at most " + MAX_CONTENT + " characters"));
        }
        if (req.backtestId() != null && req.strategyId() == null) {
            problems.add(new FieldProblem("backtestId", "needs the strategyId it belongs to"));
        }
        if (!problems.isEmpty()) throw ApiException.invalid(problems);
        checkAttachment(req.strategyId(), req.backtestId(), existing);
        return new ValidPost(category, title, content, req.strategyId(), req.backtestId());
    }

    /**
     * A strategy must be public when it is attached (an unchanged attachment of an edited post is kept as it is);
     * a backtest must be a COMPLETED run of that strategy.
     */
    private void checkAttachment(UUID strategyId, UUID backtestId, PostRow existing) {
        if (strategyId == null) return;
        boolean unchanged = existing != null && strategyId.equals(existing.strategyId())
                && Objects.equals(backtestId, existing.backtestId());
        if (unchanged) return;
        StrategyService.Profile s = strategies.profile(strategyId).filter(StrategyService.Profile::isPublic)
                .orElseThrow(() -> ApiException.invalidField("strategyId", "must be a public strategy"));
        if (backtestId != null) {
            BacktestLookup.Summary b = backtests.summary(backtestId).filter(x -> s.id().equals(x.strategyId()))
                    .orElseThrow(() -> ApiException.invalidField("backtestId", "must be a backtest of that strategy"));
            if (!"COMPLETED".equals(b.status())) {
                throw ApiException.invalidField("backtestId", "must be a COMPLETED backtest (it is " + b.status()
                        + ")");
            }
        }
    }

    private static String requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) throw ApiException.invalidField(field, "is required");
        if (value.length() > max) throw ApiException.invalidField(field, "at most " + max + " characters");
        return value;
    }

    private static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) return null;
        if (value.length() > max) throw ApiException.invalidField(field, "at most " + max + " characters");
        return value.strip();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name());
            throw ApiException.invalidField(field, "must be one of " + String.join(", ", names));
        }
    }

    private static <T> T fail(String field, String message) {
        throw ApiException.invalidField(field, message);
    }

    private static void requireAdmin(CurrentUser user) {
        if (user == null || !user.isAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only admins moderate the community.");
        }
    }

    private static ApiException postNotFound(UUID id) {
        return ApiException.notFound("post " + id + " not found");
    }
}
