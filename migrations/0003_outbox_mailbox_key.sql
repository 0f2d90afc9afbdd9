-- Confirmation caps count per normalised mailbox (lower-case, +tag removed, Gmail dots removed), so
-- the variants of one address share one hourly and one daily cap. Rows stored before this migration
-- have no key and no longer count: at most a day of caps restarts.
ALTER TABLE outbox ADD COLUMN mailbox_key TEXT;
CREATE INDEX IF NOT EXISTS idx_outbox_mailbox ON outbox (mailbox_key, created_at) WHERE mailbox_key IS NOT NULL;
