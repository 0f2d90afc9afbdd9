-- Issue 9: the fee an auto-renewing plan takes from the balance, and two more reminder kinds
-- (followup: the day after expiry with auto-renewal off; renew_check: "did it renew?").
-- Upgrades a database at 0001 (the schema before issue 9). SQLite cannot change a CHECK
-- constraint in place, so deliveries is rebuilt: create, copy, drop, rename, re-index.

ALTER TABLE cards ADD COLUMN renewal_fee_cents INTEGER
  CHECK (renewal_fee_cents IS NULL OR renewal_fee_cents BETWEEN 0 AND 999999);

-- Nothing references deliveries, so dropping it breaks no foreign key; deferring the checks keeps
-- the copy valid while both tables exist.
PRAGMA defer_foreign_keys = true;

CREATE TABLE deliveries_new (
  id TEXT PRIMARY KEY,
  occurrence_key TEXT NOT NULL UNIQUE,
  subscriber_id TEXT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  card_id TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'expired', 'followup', 'renew_check', 'balance')),
  expires_on TEXT,
  lead_day INTEGER,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'emailed', 'cancelled')),
  outbox_id TEXT REFERENCES outbox(id) ON DELETE SET NULL,
  claim_id TEXT,
  claim_until INTEGER,
  created_at INTEGER NOT NULL
);

INSERT INTO deliveries_new (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status,
  outbox_id, claim_id, claim_until, created_at)
SELECT id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status,
  outbox_id, claim_id, claim_until, created_at
FROM deliveries;

DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;

CREATE INDEX IF NOT EXISTS idx_deliveries_queued ON deliveries (created_at) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS idx_deliveries_outbox ON deliveries (outbox_id);
CREATE INDEX IF NOT EXISTS idx_deliveries_subscriber ON deliveries (subscriber_id);
-- 0004 adds this index too; a database that got 0004 before this migration must not lose it here.
CREATE INDEX IF NOT EXISTS idx_deliveries_done ON deliveries (created_at) WHERE status <> 'queued';
