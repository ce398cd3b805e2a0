-- PostgreSQL only: full-text search of community posts (issue 7). A generated tsvector of title (weight A) and
-- Markdown content (weight B) with the 'simple' configuration (no stemming, no stop words: Korean and mixed text
-- are split on spaces and punctuation, and queries match word prefixes), indexed with GIN. H2 has no twin: the
-- application searches there with a case-insensitive LIKE (CommunityRepository).
ALTER TABLE community_posts ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
                         || setweight(to_tsvector('simple'::regconfig, coalesce(content, '')), 'B')) STORED;

CREATE INDEX ix_community_posts_search ON community_posts USING GIN (search_vector);
