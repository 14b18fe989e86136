-- The language detected at ingest from a data set's text fields (en, zh, und), which picks the
-- default encoder; NULL for data sets ingested before detection existed.
ALTER TABLE datasets ADD COLUMN language TEXT;
