-- Issue 16: a model's traffic split and shadow, and the history of what served it. Portable SQL as in V1.
CREATE TABLE model_routing (
    model       TEXT    NOT NULL PRIMARY KEY,
    config      TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);

-- Every change of what serves a model: promote and rollback (production_after), archive, delete,
-- traffic split and shadow changes (routing_before / routing_after as JSON). Append-only.
CREATE TABLE model_history (
    id                 TEXT    NOT NULL PRIMARY KEY,
    model              TEXT    NOT NULL,
    at                 BIGINT  NOT NULL,
    seq                BIGINT  NOT NULL,
    caller             TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    version            INTEGER,
    production_after   INTEGER,
    routing_before     TEXT,
    routing_after      TEXT
);

CREATE INDEX model_history_model_at ON model_history (model, at);
