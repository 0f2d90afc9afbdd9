-- Migration 0005: what /healthz and the operator page (/admin) read. One compact row per cron run
-- (the cron_run log line stays), and per-day mail counters (UTC days) kept by the sender and the
-- Resend webhook, so 30 days of figures cost 30 rows to read however much mail went out.
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
