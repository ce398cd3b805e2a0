package io.stocklab.server.community;

import java.util.UUID;

/**
 * Published after a comment was stored. {@code parentAuthorId} is the author of the comment replied to (null for a
 * top-level comment).
 */
public record CommentAdded(UUID postId, String postTitle, UUID postAuthorId, UUID commentId, UUID authorId,
                           String authorNickname, UUID parentAuthorId) {
}
