-- The shared job queue (issue 15). Versioned 4.15 rather than 5 so that it cannot clash with another
-- change's next migration.
-- spec: the training request as JSON, so that whichever host is free can run a job, not only the host
-- that accepted it. NULL on jobs queued before this migration: those cannot be run by another host.
-- attempt: how many times a host has claimed the job; a run's writes must still match its attempt
-- (the fencing token), so a host that lost its lease can never finish a job another host re-ran.
ALTER TABLE jobs ADD COLUMN spec TEXT;
ALTER TABLE jobs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
