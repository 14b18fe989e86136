-- Every mutating API call: who, what, when, outcome. Portable SQL as in V1.
CREATE TABLE audit_log (
    id          TEXT    NOT NULL PRIMARY KEY,
    at          BIGINT  NOT NULL,
    caller      TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    method      TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    status      INTEGER NOT NULL,
    detail      TEXT
);

CREATE INDEX audit_log_at ON audit_log (at);
