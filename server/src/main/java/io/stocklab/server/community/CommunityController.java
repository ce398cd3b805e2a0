package io.stocklab.server.community;

import io.stocklab.server.community.CommunityDtos.CommentEdit;
import io.stocklab.server.community.CommunityDtos.CommentRequest;
import io.stocklab.server.community.CommunityDtos.CommentView;
import io.stocklab.server.community.CommunityDtos.LikeState;
import io.stocklab.server.community.CommunityDtos.PostPage;
import io.stocklab.server.community.CommunityDtos.PostRequest;
import io.stocklab.server.community.CommunityDtos.PostView;
import io.stocklab.server.community.CommunityDtos.ReportPage;
import io.stocklab.server.community.CommunityDtos.ReportRequest;
import io.stocklab.server.community.CommunityDtos.ReportView;
import io.stocklab.server.community.CommunityDtos.ResolveRequest;
import io.stocklab.server.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/community")
@Tag(name = "Community", description = "Posts, nested comments, likes, reports and moderation. Reading is public"
        + " (a token, when sent, shows the caller's hidden posts and likes); writing needs a token")
class CommunityController {
    private final CommunityService service;

    CommunityController(CommunityService service) {
        this.service = service;
    }

    // ---- posts -------------------------------------------------------------------------------------------------

    @GetMapping("/posts")
    @Operation(summary = "List and search posts, keyset-paginated",
            description = "Filters: category, author (user id), q (every word must match; full-text search with"
                    + " prefix matching on PostgreSQL, substring match on the embedded database). Sorts: newest"
                    + " (default), likes, comments; ties newest first. Pass nextCursor back as cursor with the same"
                    + " sort and filters.")
    PostPage list(@AuthenticationPrincipal CurrentUser user,
                  @RequestParam(required = false) @Parameter(description = "STRATEGY, FREE or QNA") String category,
                  @RequestParam(required = false) UUID author,
                  @RequestParam(required = false) String q,
                  @RequestParam(required = false) @Parameter(description = "newest, likes or comments") String sort,
                  @RequestParam(required = false) String cursor,
                  @RequestParam(defaultValue = "20") @Parameter(description = "1 to 50") int limit) {
        return service.list(user, category, author, q, sort, cursor, limit);
    }

    @PostMapping("/posts")
    @Operation(summary = "Write a post (Markdown; an optional public strategy and one of its completed backtests)")
    ResponseEntity<PostView> create(@AuthenticationPrincipal CurrentUser user, @RequestBody PostRequest req) {
        PostView created = service.create(user, req);
        return ResponseEntity.created(URI.create("/api/v1/community/posts/" + created.id())).body(created);
    }

    @GetMapping("/posts/{id}")
    @Operation(summary = "Read a post (counts a view once per reader and 24 hours)",
            description = "The reader is the signed-in user, or for anonymous readers a hash of IP address and"
                    + " User-Agent. The attachment card is computed now: a strategy made private since shows as"
                    + " unavailable.")
    PostView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest request) {
        return service.read(user, id, request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }

    @PutMapping("/posts/{id}")
    @Operation(summary = "Edit a post (author only; the body is the post's full new state)")
    PostView update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody PostRequest req) {
        return service.update(user, id, req);
    }

    @DeleteMapping("/posts/{id}")
    @Operation(summary = "Delete a post with its comments, likes and reports (author or admin)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    // ---- likes -------------------------------------------------------------------------------------------------

    @PutMapping("/posts/{id}/like")
    @Operation(summary = "Like a post (idempotent: one like per user)")
    LikeState like(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.like(user, id);
    }

    @DeleteMapping("/posts/{id}/like")
    @Operation(summary = "Take back a like (idempotent)")
    LikeState unlike(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.unlike(user, id);
    }

    // ---- comments ----------------------------------------------------------------------------------------------

    @GetMapping("/posts/{id}/comments")
    @Operation(summary = "The comments of a post: a flat list in display order with parentId and depth",
            description = "Depth-first, siblings oldest first; replies nest at most 5 levels (depth 0 to 4). A"
                    + " deleted comment with replies stays as \"[deleted]\".")
    List<CommentView> comments(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.comments(user, id);
    }

    @PostMapping("/posts/{id}/comments")
    @Operation(summary = "Comment on a post or reply to a comment (Markdown)")
    ResponseEntity<CommentView> comment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                        @RequestBody CommentRequest req) {
        CommentView created = service.comment(user, id, req);
        return ResponseEntity.created(URI.create("/api/v1/community/comments/" + created.id())).body(created);
    }

    @PutMapping("/comments/{id}")
    @Operation(summary = "Edit a comment (author only)")
    CommentView editComment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                            @RequestBody CommentEdit req) {
        return service.editComment(user, id, req == null ? null : req.content());
    }

    @DeleteMapping("/comments/{id}")
    @Operation(summary = "Delete a comment (author or admin)")
    ResponseEntity<Void> deleteComment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.deleteComment(user, id);
        return ResponseEntity.noContent().build();
    }

    // ---- reports and moderation --------------------------------------------------------------------------------

    @PostMapping("/posts/{id}/reports")
    @Operation(summary = "Report a post to the moderators (once per user and post)")
    ResponseEntity<ReportView> report(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                      @RequestBody ReportRequest req) {
        return ResponseEntity.status(201).body(service.report(user, id, req));
    }

    @PostMapping("/admin/posts/{id}/hide")
    @Operation(summary = "Hide a post (admin): only its author and admins see it; its open reports are resolved")
    PostView hide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.setHidden(user, id, true);
    }

    @PostMapping("/admin/posts/{id}/unhide")
    @Operation(summary = "Show a hidden post again (admin)")
    PostView unhide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.setHidden(user, id, false);
    }

    @GetMapping("/admin/reports")
    @Operation(summary = "Reports, oldest first (admin); status OPEN (default), RESOLVED or ALL")
    ReportPage reports(@AuthenticationPrincipal CurrentUser user,
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String cursor,
                       @RequestParam(defaultValue = "20") int limit) {
        return service.reports(user, status, cursor, limit);
    }

    @PostMapping("/admin/reports/{id}/resolve")
    @Operation(summary = "Resolve a report (admin): DISMISS, HIDE_POST or DELETE_POST")
    ReportView resolve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                       @RequestBody ResolveRequest req) {
        return service.resolve(user, id, req);
    }

}
