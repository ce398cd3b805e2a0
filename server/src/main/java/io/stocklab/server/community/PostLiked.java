package io.stocklab.server.community;

import java.util.UUID;

/** Published after a user liked a post for the first time (a repeated like publishes nothing). */
public record PostLiked(UUID postId, String postTitle, UUID postAuthorId, UUID likerId, String likerNickname) {
}
