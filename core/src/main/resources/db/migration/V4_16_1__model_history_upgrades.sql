-- Issue 16, numbered after V4_16 within that issue's numbers so that no other change's migration can
-- clash: the history also records the production version before a promote or rollback, the upgrade
-- changes of the plugin versions a model pins (install, remove, enable, disable) and its retrainings.
-- Portable SQL as in V1: one column per ALTER (SQLite).
ALTER TABLE model_history ADD COLUMN production_before INTEGER;
ALTER TABLE model_history ADD COLUMN from_version INTEGER;
ALTER TABLE model_history ADD COLUMN plugin TEXT;
ALTER TABLE model_history ADD COLUMN plugin_before TEXT;
ALTER TABLE model_history ADD COLUMN plugin_after TEXT;

-- Seed the history of databases older than V4_16 from the production stack (production_history), so that
-- "which version was production at T" has an answer for the promotes made before the history existed.
-- The stack only keeps the promotions that no rollback or archive has undone: those are lost, and the
-- seeded history answers with the version that came back. A promotion already in the history (made since
-- V4_16: its row was written by the promoting host moments after promoted_at) is not seeded again. The one
-- minute of margin covers a slow host; only a version promoted before the upgrade and rolled back to within
-- that same minute after it would be taken for already recorded.
INSERT INTO model_history (id, model, at, seq, caller, kind, version, production_before, production_after)
SELECT 'seed-' || p.model_name || '-' || p.seq, p.model_name, p.promoted_at, p.seq, 'migration', 'PROMOTED', p.version,
       (SELECT b.version FROM production_history b WHERE b.model_name = p.model_name AND b.seq < p.seq
        ORDER BY b.seq DESC LIMIT 1),
       p.version
FROM production_history p
WHERE NOT EXISTS (SELECT 1 FROM model_history h WHERE h.model = p.model_name AND h.kind = 'PROMOTED'
                  AND h.version = p.version AND h.at >= p.promoted_at AND h.at < p.promoted_at + 60000);
