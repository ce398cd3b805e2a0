-- Saved strategies and their versions (issue 5). Portable SQL: PostgreSQL 15+ and H2 (local profile).
-- The spec is stored as its JSON text (TEXT on both databases: H2 has no JSONB twin that binds the same way).
CREATE TABLE strategies (
    id               UUID         NOT NULL PRIMARY KEY,
    owner_id         UUID         NOT NULL,
    name             VARCHAR(200) NOT NULL,
    description      VARCHAR(4000),
    tags             VARCHAR(1000) NOT NULL DEFAULT '',
    visibility       VARCHAR(16)  NOT NULL,
    anonymous        BOOLEAN      NOT NULL DEFAULT FALSE,
    hide_details     BOOLEAN      NOT NULL DEFAULT FALSE,
    current_version  INTEGER      NOT NULL,
    cloned_from      UUID,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_strategies_visibility CHECK (visibility IN ('PUBLIC', 'PRIVATE'))
);

CREATE INDEX ix_strategies_owner ON strategies (owner_id, updated_at);
CREATE INDEX ix_strategies_public ON strategies (visibility, updated_at);

CREATE TABLE strategy_versions (
    strategy_id UUID    NOT NULL,
    version     INTEGER NOT NULL,
    spec        TEXT    NOT NULL,
    note        VARCHAR(500),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_strategy_versions PRIMARY KEY (strategy_id, version),
    CONSTRAINT fk_strategy_versions_strategy FOREIGN KEY (strategy_id) REFERENCES strategies (id) ON DELETE CASCADE
);
