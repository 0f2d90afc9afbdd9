-- Flat storage: a sent or failed email keeps its subject (new column) but no rendered body, and settled
-- deliveries get an index so the cron can prune them.
ALTER TABLE outbox ADD COLUMN subject TEXT;
UPDATE outbox SET subject = json_extract(message, '$.subject') WHERE json_valid(message);
UPDATE outbox SET message = '' WHERE status <> 'pending';
CREATE INDEX IF NOT EXISTS idx_deliveries_done ON deliveries (created_at) WHERE status <> 'queued';
