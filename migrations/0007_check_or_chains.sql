-- Migration 0007: the CHECKs on deliveries.kind/status and outbox.kind/status are written as OR chains
-- (x = 'a' OR x = 'b' …) instead of IN lists. Same values, same NULL behaviour; but SQLite tests an IN
-- list of three or more against a temporary b-tree, and D1 counts a row read for it on every insert or
-- update of the column: 6 of the ~21 rows a due reminder read (docs/benchmarks.md). SQLite cannot change
-- a CHECK in place, so deliveries and outbox are rebuilt, and outbox_bodies with them.
--
-- Order matters: D1 always enforces foreign keys, and DROP TABLE deletes every row first, which fires
-- ON DELETE actions even with the checks deferred. Dropping the old outbox while deliveries and
-- outbox_bodies still referenced it would null every delivery's outbox_id and delete every waiting body.
-- So the new tables reference each other under their temporary names, the old children are dropped
-- before the old parent (nothing references it by then), and the renames rewrite the references.
PRAGMA defer_foreign_keys = true;

CREATE TABLE outbox_0007 (
  id TEXT PRIMARY KEY,
  subscriber_id TEXT REFERENCES subscribers(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind = 'confirm' OR kind = 'manage_link' OR kind = 'reminder'),
  batch_key TEXT NOT NULL,
  to_email TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status = 'pending' OR status = 'sent' OR status = 'failed'),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_id TEXT,
  lease_until INTEGER,
  provider_id TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  mailbox_key TEXT,
  subject TEXT
);

CREATE TABLE deliveries_0007 (
  id TEXT PRIMARY KEY,
  occurrence_key TEXT NOT NULL UNIQUE,
  subscriber_id TEXT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  card_id TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'expired' OR kind = 'followup' OR kind = 'renew_check'
    OR kind = 'balance'),
  expires_on TEXT,
  lead_day INTEGER,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status = 'queued' OR status = 'emailed' OR status = 'cancelled'),
  outbox_id TEXT REFERENCES outbox_0007(id) ON DELETE SET NULL,
  claim_id TEXT,
  claim_until INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE outbox_bodies_0007 (
  outbox_id TEXT PRIMARY KEY REFERENCES outbox_0007(id) ON DELETE CASCADE,
  message BLOB NOT NULL
);

INSERT INTO outbox_0007 (id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
  lease_id, lease_until, provider_id, last_error, created_at, sent_at, mailbox_key, subject)
SELECT id, subscriber_id, kind, batch_key, to_email, message, status, attempts, next_attempt_at,
  lease_id, lease_until, provider_id, last_error, created_at, sent_at, mailbox_key, subject
FROM outbox;

INSERT INTO deliveries_0007 (id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status,
  outbox_id, claim_id, claim_until, created_at)
SELECT id, occurrence_key, subscriber_id, card_id, kind, expires_on, lead_day, due_at, status,
  outbox_id, claim_id, claim_until, created_at
FROM deliveries;

INSERT INTO outbox_bodies_0007 (outbox_id, message) SELECT outbox_id, message FROM outbox_bodies;

-- Children first: nothing references them. Then the old outbox, which nothing references any more.
DROP TABLE outbox_bodies;
DROP TABLE deliveries;
DROP TABLE outbox;

-- Each rename also rewrites the REFERENCES of the other new tables to the real name.
ALTER TABLE outbox_0007 RENAME TO outbox;
ALTER TABLE deliveries_0007 RENAME TO deliveries;
ALTER TABLE outbox_bodies_0007 RENAME TO outbox_bodies;

CREATE INDEX IF NOT EXISTS idx_deliveries_queued ON deliveries (created_at) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS idx_deliveries_outbox ON deliveries (outbox_id);
CREATE INDEX IF NOT EXISTS idx_deliveries_subscriber ON deliveries (subscriber_id);
CREATE INDEX IF NOT EXISTS idx_deliveries_done ON deliveries (created_at) WHERE status <> 'queued';

CREATE INDEX IF NOT EXISTS idx_outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS idx_outbox_batch ON outbox (batch_key);
CREATE INDEX IF NOT EXISTS idx_outbox_subscriber ON outbox (subscriber_id, kind, created_at);
CREATE INDEX IF NOT EXISTS idx_outbox_mailbox ON outbox (mailbox_key, created_at) WHERE mailbox_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_outbox_done ON outbox (created_at) WHERE status <> 'pending';
