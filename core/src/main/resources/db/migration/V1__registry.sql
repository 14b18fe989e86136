-- Portable SQL: the same script runs on SQLite and PostgreSQL. Times are epoch milliseconds,
-- JSON documents are TEXT, ids are text, so no dialect-specific type or sequence is needed.

CREATE TABLE models (
    name          TEXT    NOT NULL PRIMARY KEY,
    domain        TEXT    NOT NULL,
    task          TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    created_by    TEXT    NOT NULL,
    -- version numbers are never reused, so an old artifact folder can never pass for a new version
    next_version  INTEGER NOT NULL,
    -- bumped by every stage change: the UPDATE locks the model row (PostgreSQL) or the database
    -- (SQLite), which serialises promote, rollback, archive and delete of one model
    revision      BIGINT  NOT NULL
);

CREATE TABLE model_versions (
    model_name      TEXT    NOT NULL REFERENCES models (name) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    stage           TEXT    NOT NULL,
    dataset_id      TEXT    NOT NULL,
    dataset_hash    TEXT    NOT NULL,
    lineage         TEXT    NOT NULL,
    metrics         TEXT,
    timings         TEXT,
    artifact_sha256 TEXT,
    error           TEXT,
    created_at      BIGINT  NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    PRIMARY KEY (model_name, version),
    CHECK (state IN ('QUEUED', 'TRAINING', 'READY', 'FAILED', 'CANCELLED')),
    CHECK (stage IN ('NONE', 'PRODUCTION', 'ARCHIVED')),
    CHECK (stage = 'NONE' OR state = 'READY'),
    CHECK (state <> 'READY' OR artifact_sha256 IS NOT NULL)
);

-- At most one production version per model, whatever the application does.
CREATE UNIQUE INDEX model_versions_one_production ON model_versions (model_name) WHERE stage = 'PRODUCTION';
CREATE INDEX model_versions_dataset ON model_versions (dataset_id);
CREATE INDEX model_versions_state ON model_versions (state);

-- The stack of production versions of a model, newest on top; rollback pops it.
CREATE TABLE production_history (
    model_name  TEXT    NOT NULL,
    seq         BIGINT  NOT NULL,
    version     INTEGER NOT NULL,
    promoted_at BIGINT  NOT NULL,
    PRIMARY KEY (model_name, seq),
    FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version) ON DELETE CASCADE
);

CREATE TABLE datasets (
    id             TEXT   NOT NULL PRIMARY KEY,
    name           TEXT   NOT NULL,
    domain         TEXT   NOT NULL,
    task           TEXT   NOT NULL,
    format         TEXT   NOT NULL,
    content_hash   TEXT   NOT NULL,
    row_count      BIGINT NOT NULL,
    label_counts   TEXT   NOT NULL,
    rejected_count BIGINT NOT NULL,
    rows_sha256    TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    created_by     TEXT   NOT NULL,
    UNIQUE (domain, task, content_hash)
);

CREATE TABLE dataset_rejections (
    dataset_id TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    line       BIGINT  NOT NULL,
    reason     TEXT    NOT NULL,
    PRIMARY KEY (dataset_id, seq)
);

CREATE TABLE jobs (
    id               TEXT    NOT NULL PRIMARY KEY,
    model_name       TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    host_id          TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    progress         TEXT,
    error            TEXT,
    cancel_requested INTEGER NOT NULL,
    created_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    updated_at       BIGINT  NOT NULL,
    CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);

CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_model_version ON jobs (model_name, version);
