-- Migration 0006: an email's body waits in its own table (outbox_bodies) until Resend takes it, and is
-- deleted then. Rewriting an outbox row with a ~10 KB body to an empty one left its leaf page nearly empty
-- (SQLite merges pages on delete, not on an update that shrinks a row), so every kept email cost about a
-- page; deleted bodies free whole pages, which the next run's bodies reuse. Rows stored before this keep
-- their body in outbox.message until sent (the code reads either), so nothing moves here.
CREATE TABLE IF NOT EXISTS outbox_bodies (
  outbox_id TEXT PRIMARY KEY REFERENCES outbox(id) ON DELETE CASCADE,
  -- the message's JSON text, or for reminders the same JSON deflated (raw DEFLATE, a BLOB)
  message BLOB NOT NULL
);
