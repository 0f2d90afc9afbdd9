// What became of each send attempt of a leased outbox row: sent, failed, tried again later, or released.
// A sent or failed email keeps no body (message = ''): Resend has it, and support needs only the
// address, subject, provider id, error and times, which stay.

export function markOutboxSent(
  db: D1Database,
  id: string,
  leaseId: string,
  providerId: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE outbox SET status = 'sent', provider_id = ?3, sent_at = ?4, attempts = attempts + 1, message = '',
         lease_id = NULL, lease_until = NULL, last_error = NULL
       WHERE id = ?1 AND lease_id = ?2 AND status = 'pending'`,
    )
    .bind(id, leaseId, providerId, now)
}

export function markOutboxFailed(db: D1Database, id: string, leaseId: string, error: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE outbox SET status = 'failed', last_error = ?3, attempts = attempts + 1, message = '',
         lease_id = NULL, lease_until = NULL
       WHERE id = ?1 AND lease_id = ?2 AND status = 'pending'`,
    )
    .bind(id, leaseId, error.slice(0, 500))
}

/** Leaves the row pending for a later attempt; `countAttempt` is false for 429 and quota answers. */
export function retryOutboxLater(
  db: D1Database,
  id: string,
  leaseId: string,
  nextAttemptAt: number,
  error: string,
  countAttempt: boolean,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE outbox SET next_attempt_at = ?3, last_error = ?4, attempts = attempts + ?5,
         lease_id = NULL, lease_until = NULL
       WHERE id = ?1 AND lease_id = ?2 AND status = 'pending'`,
    )
    .bind(id, leaseId, nextAttemptAt, error.slice(0, 500), countAttempt ? 1 : 0)
}

export function releaseOutbox(db: D1Database, id: string, leaseId: string): D1PreparedStatement {
  return db
    .prepare(`UPDATE outbox SET lease_id = NULL, lease_until = NULL WHERE id = ?1 AND lease_id = ?2`)
    .bind(id, leaseId)
}
