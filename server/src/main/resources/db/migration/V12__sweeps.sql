-- Parameter sweeps (issue 5): a sweep is split into chunks; each chunk's outcomes are checkpointed as one row.
CREATE TABLE sweeps (
    id            UUID         NOT NULL PRIMARY KEY,
    owner_id      UUID         NOT NULL,
    name          VARCHAR(200) NOT NULL,
    request       TEXT         NOT NULL,
    dataset_id    VARCHAR(100) NOT NULL,
    data_version  VARCHAR(200) NOT NULL,
    engine_version VARCHAR(50) NOT NULL,
    objective     VARCHAR(32)  NOT NULL,
    variants      INTEGER      NOT NULL,
    chunks        INTEGER      NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    error         VARCHAR(4000),
    summary       TEXT,
    CONSTRAINT ck_sweeps_status CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'))
);

CREATE INDEX ix_sweeps_owner ON sweeps (owner_id, created_at);

CREATE TABLE sweep_chunks (
    sweep_id     UUID    NOT NULL,
    chunk        INTEGER NOT NULL,
    status       VARCHAR(16) NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    worker       VARCHAR(200),
    finished_at  TIMESTAMP WITH TIME ZONE,
    outcomes     TEXT,
    CONSTRAINT pk_sweep_chunks PRIMARY KEY (sweep_id, chunk),
    CONSTRAINT fk_sweep_chunks FOREIGN KEY (sweep_id) REFERENCES sweeps (id) ON DELETE CASCADE,
    CONSTRAINT ck_sweep_chunks_status CHECK (status IN ('PENDING', 'DONE'))
);
