-- Community (issue 7): posts, nested comments, likes, views and reports. Portable SQL: PostgreSQL 15+ and H2.
-- Full-text search on PostgreSQL is added by db/vendor/postgresql/V22__community_search.sql; H2 searches with LIKE.
-- Counters (likes, comments, views) are kept on the post row and changed in the same transaction as the rows they
-- count, so lists sort on them with an index instead of counting.
CREATE TABLE community_posts (
    id             UUID          NOT NULL PRIMARY KEY,
    author_id      UUID          NOT NULL,
    category       VARCHAR(16)   NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    content        VARCHAR(20000) NOT NULL,
    content_html   TEXT          NOT NULL,
    excerpt        VARCHAR(300)  NOT NULL,
    strategy_id    UUID,
    backtest_id    UUID,
    hidden         BOOLEAN       NOT NULL DEFAULT FALSE,
    like_count     INTEGER       NOT NULL DEFAULT 0,
    comment_count  INTEGER       NOT NULL DEFAULT 0,
    view_count     BIGINT        NOT NULL DEFAULT 0,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_community_posts_category CHECK (category IN ('STRATEGY', 'FREE', 'QNA'))
);

-- keyset pagination: one index per sort order (newest, most liked, most commented), plus the author filter
CREATE INDEX ix_community_posts_newest ON community_posts (created_at, id);
CREATE INDEX ix_community_posts_likes ON community_posts (like_count, created_at, id);
CREATE INDEX ix_community_posts_comments ON community_posts (comment_count, created_at, id);
CREATE INDEX ix_community_posts_author ON community_posts (author_id, created_at);
CREATE INDEX ix_community_posts_category ON community_posts (category, created_at);

CREATE TABLE community_comments (
    id          UUID          NOT NULL PRIMARY KEY,
    post_id     UUID          NOT NULL,
    parent_id   UUID,
    author_id   UUID          NOT NULL,
    depth       INTEGER       NOT NULL,
    content     VARCHAR(5000) NOT NULL,
    content_html TEXT         NOT NULL,
    deleted     BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_community_comments_post FOREIGN KEY (post_id) REFERENCES community_posts (id) ON DELETE CASCADE
);

CREATE INDEX ix_community_comments_post ON community_comments (post_id, created_at, id);

-- one like per (post, user): the primary key makes a repeated or concurrent like a no-op
CREATE TABLE community_likes (
    post_id    UUID NOT NULL,
    user_id    UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_community_likes PRIMARY KEY (post_id, user_id),
    CONSTRAINT fk_community_likes_post FOREIGN KEY (post_id) REFERENCES community_posts (id) ON DELETE CASCADE
);

CREATE INDEX ix_community_likes_user ON community_likes (user_id);

-- the last counted view per (post, viewer); viewer is 'u:<user id>' or 'a:<hash of IP and user agent>'
CREATE TABLE community_views (
    post_id    UUID        NOT NULL,
    viewer     VARCHAR(80) NOT NULL,
    viewed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_community_views PRIMARY KEY (post_id, viewer),
    CONSTRAINT fk_community_views_post FOREIGN KEY (post_id) REFERENCES community_posts (id) ON DELETE CASCADE
);

CREATE TABLE community_reports (
    id           UUID          NOT NULL PRIMARY KEY,
    post_id      UUID          NOT NULL,
    reporter_id  UUID          NOT NULL,
    reason       VARCHAR(16)   NOT NULL,
    detail       VARCHAR(1000),
    status       VARCHAR(16)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE,
    resolved_by  UUID,
    resolution   VARCHAR(16),
    note         VARCHAR(1000),
    CONSTRAINT uq_community_reports_once UNIQUE (post_id, reporter_id),
    CONSTRAINT fk_community_reports_post FOREIGN KEY (post_id) REFERENCES community_posts (id) ON DELETE CASCADE,
    CONSTRAINT ck_community_reports_reason CHECK (reason IN ('SPAM', 'ABUSE', 'ILLEGAL', 'MISINFORMATION', 'OTHER')),
    CONSTRAINT ck_community_reports_status CHECK (status IN ('OPEN', 'RESOLVED'))
);

CREATE INDEX ix_community_reports_status ON community_reports (status, created_at, id);
