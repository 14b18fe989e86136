-- The embedding cache (a SQLite file of its own, separate from the registry): vectors by encoder and
-- the SHA-256 of the exact text, and the model files each encoder id stood for when they were stored.
-- Caches made before Flyway managed this schema have these tables already and are baselined at 1.
CREATE TABLE IF NOT EXISTS embedding (
    encoder_id  TEXT    NOT NULL,
    text_sha256 BLOB    NOT NULL,
    vector      BLOB    NOT NULL,
    tokens      INTEGER NOT NULL,
    truncated   INTEGER NOT NULL,
    last_used   INTEGER NOT NULL,
    PRIMARY KEY (encoder_id, text_sha256)
);

CREATE INDEX IF NOT EXISTS embedding_last_used ON embedding (last_used);

CREATE TABLE IF NOT EXISTS encoder (
    encoder_id  TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
