-- SIMKeep D1 schema. Every statement is idempotent, so applying this file twice is safe.
-- Times are UTC epoch milliseconds (INTEGER); calendar dates are 'YYYY-MM-DD' text in the
-- subscriber's own timezone.

-- One row per email address. status: pending (never confirmed), active, unsubscribed.
CREATE TABLE IF NOT EXISTS subscribers (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  locale TEXT NOT NULL CHECK (locale IN ('zh-Hant', 'zh-Hans', 'en')),
  timezone TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed')),
  created_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  unsubscribed_at INTEGER,
  -- set by a permanent bounce, complaint or suppression webhook; stops all mail
  suppressed_at INTEGER,
  suppressed_reason TEXT
);
-- the cron purges addresses never confirmed within 7 days
CREATE INDEX IF NOT EXISTS idx_subscribers_pending ON subscribers (created_at) WHERE status = 'pending';

-- One row per SIM card. A card is 'pending' until its confirmation link is used.
CREATE TABLE IF NOT EXISTS cards (
  id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
  label TEXT NOT NULL DEFAULT '',
  carrier TEXT CHECK (carrier IS NULL OR carrier IN ('cmhk', '3hk', 'csl', 'smartone', 'cuhk', 'other')),
  expires_on TEXT NOT NULL,
  cycle_days INTEGER CHECK (cycle_days IS NULL OR cycle_days BETWEEN 1 AND 1095),
  -- JSON array of distinct integers 0..60, most distant first, e.g. [14,7,1]
  lead_days TEXT NOT NULL,
  auto_renew INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
  balance_check TEXT NOT NULL DEFAULT 'none' CHECK (balance_check IN ('monthly', 'none')),
  -- reminders whose due instant is before this are never sent (confirmation, renewal, edit)
  active_from INTEGER,
  -- next instant anything may be due for this card; NULL when nothing is scheduled.
  -- The cron reads only rows with next_due_at <= now, through idx_cards_next_due.
  next_due_at INTEGER,
  -- pending cards only: sha-256 of the confirmation nonce, and the settings the
  -- subscriber chose on the form (applied to the address once confirmed)
  confirm_hash TEXT,
  pending_locale TEXT,
  pending_timezone TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- the fee (HK cents) an auto-renewing plan takes from the balance at each renewal; NULL = not given.
  -- Kept only with auto_renew (the app clears it otherwise).
  renewal_fee_cents INTEGER CHECK (renewal_fee_cents IS NULL OR renewal_fee_cents BETWEEN 0 AND 999999),
  -- the last renewal or settings edit (NULL: never); a follow-up is not sent when it came after the
  -- expired notice. Confirming and resubscribing move active_from, not this.
  edited_at INTEGER
);
CREATE INDEX IF NOT EXISTS idx_cards_next_due ON cards (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_cards_subscriber ON cards (subscriber_id);
CREATE INDEX IF NOT EXISTS idx_cards_pending ON cards (created_at) WHERE status = 'pending';

-- One row per reminder occurrence. The UNIQUE occurrence key is what makes each reminder
-- go out at most once: r:{card}:{expiry}:{lead} reminder, x:{card}:{expiry} expired, f:{card}:{expiry}
-- follow-up, a:{card}:{expiry} "did it renew?", b:{card}:{YYYY-MM} balance check.
-- The CHECKs on the cron's written columns here and in outbox are OR chains, not IN lists (migration
-- 0007): D1 counts a row read for every IN list of three or more it tests on an insert or update.
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  occurrence_key TEXT NOT NULL UNIQUE,
  subscriber_id TEXT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  card_id TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'expired' OR kind = 'followup' OR kind = 'renew_check'
    OR kind = 'balance'),
  expires_on TEXT,
  lead_day INTEGER,
  due_at INTEGER NOT NULL,
  -- queued: waiting to be put in an email; emailed: outbox_id set; cancelled: no longer wanted
  status TEXT NOT NULL CHECK (status = 'queued' OR status = 'emailed' OR status = 'cancelled'),
  outbox_id TEXT REFERENCES outbox(id) ON DELETE SET NULL,
  -- a run holds queued rows while it renders them; an expired hold can be taken again
  claim_id TEXT,
  claim_until INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_deliveries_queued ON deliveries (created_at) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS idx_deliveries_outbox ON deliveries (outbox_id);
CREATE INDEX IF NOT EXISTS idx_deliveries_subscriber ON deliveries (subscriber_id);
-- the cron prunes settled deliveries once their occurrence can no longer be planned again (30 days on)
CREATE INDEX IF NOT EXISTS idx_deliveries_done ON deliveries (created_at) WHERE status <> 'queued';

-- Rendered emails waiting for, or done with, the mail provider. An email keeps its batch key
-- (the Idempotency-Key) and its exact body (in outbox_bodies) until the provider accepts it, so a retried
-- batch is byte-for-byte the same request. Once sent or failed the body is deleted: what support needs
-- stays (to_email, subject, provider_id, last_error, times). message is '' since migration 0006.
CREATE TABLE IF NOT EXISTS outbox (
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
  -- confirmation-kind emails only: keyed hash of the normalised mailbox, for the hourly and daily caps
  mailbox_key TEXT,
  subject TEXT
);
CREATE INDEX IF NOT EXISTS idx_outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS idx_outbox_batch ON outbox (batch_key);
CREATE INDEX IF NOT EXISTS idx_outbox_subscriber ON outbox (subscriber_id, kind, created_at);
-- confirmation-kind emails are counted per mailbox for the hourly and daily caps
CREATE INDEX IF NOT EXISTS idx_outbox_mailbox ON outbox (mailbox_key, created_at) WHERE mailbox_key IS NOT NULL;
-- the cron deletes sent and failed emails (address, subject) after 30 days
CREATE INDEX IF NOT EXISTS idx_outbox_done ON outbox (created_at) WHERE status <> 'pending';

-- The body of an email not yet sent (migration 0006), deleted once it is sent or failed, so pages hold
-- bodies only while they wait and are reused after. Rows stored before 0006 keep theirs in outbox.message.
CREATE TABLE IF NOT EXISTS outbox_bodies (
  outbox_id TEXT PRIMARY KEY REFERENCES outbox(id) ON DELETE CASCADE,
  -- the message's JSON text, or for reminders the same JSON deflated (raw DEFLATE, a BLOB)
  message BLOB NOT NULL
);

-- Fixed-window counters for rate limits (D1 fallback) keyed by purpose and a hash.
CREATE TABLE IF NOT EXISTS rate_limits (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Resend webhook deliveries already handled, by svix-id.
CREATE TABLE IF NOT EXISTS webhook_events (
  svix_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
-- svix retries for a few days; the cron forgets ids after 30
CREATE INDEX IF NOT EXISTS idx_webhook_events_received ON webhook_events (received_at);

-- The dev mailbox: where mail goes while RESEND_API_KEY is unset (development on a loopback URL).
CREATE TABLE IF NOT EXISTS dev_mailbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  to_email TEXT NOT NULL,
  from_email TEXT NOT NULL,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  headers TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (idempotency_key, position)
);

-- What /healthz and the operator page read (migration 0005): one row per cron run, and per-day
-- mail counters kept by the sender and the Resend webhook.
CREATE TABLE IF NOT EXISTS cron_runs (
  id INTEGER PRIMARY KEY,
  -- controller.scheduledTime (the run's "now") and the wall clock when it ended
  scheduled_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  ms INTEGER NOT NULL,
  due INTEGER NOT NULL,
  rendered INTEGER NOT NULL,
  sent INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  retried INTEGER NOT NULL,
  d1_calls INTEGER NOT NULL,
  rows_read INTEGER NOT NULL,
  -- why the run ended with work left (a limit, a Resend refusal, or 'error'); NULL: it did everything
  stopped TEXT
);
-- /healthz and the operator page read the newest runs; the cron prunes the oldest
CREATE INDEX IF NOT EXISTS idx_cron_runs_finished ON cron_runs (finished_at);

CREATE TABLE IF NOT EXISTS mail_daily (
  -- 'YYYY-MM-DD', UTC
  day TEXT PRIMARY KEY,
  -- accepted by Resend, and given up on (refused, or out of attempts)
  sent INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  -- webhook events: permanent bounces and spam complaints
  bounced INTEGER NOT NULL DEFAULT 0,
  complained INTEGER NOT NULL DEFAULT 0
);
