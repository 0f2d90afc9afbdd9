// Retention: settled deliveries and sent or failed emails are deleted once nothing needs them, a
// chunk per statement, so the purge keeps pace however many there are.
//
// Why a settled delivery can go once it is 30 days old: the planner never plans an occurrence due before
// max(active_from, next_due_at) of its card (src/domain/schedule.ts planCard), next_due_at only moves
// back together with active_from = now (confirm, edit, renewal, resubscribe), and a planned card's
// next_due_at is past the occurrence it just planned. So an occurrence due before both bounds (or whose
// card is unscheduled, next_due_at NULL, which only a reset to now can change) can never be planned again,
// and its UNIQUE key has nothing left to block. The 30 days keep it beside its email for support.

/** Rows deleted per statement: small enough for one quick D1 write, large enough to keep up with a busy day. */
export const PURGE_CHUNK = 2_000

/** Statements deleting up to `chunk` settled deliveries and `chunk` sent or failed emails created before `before`. */
export function purgeSettledStatements(db: D1Database, before: number, chunk: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `DELETE FROM deliveries WHERE rowid IN (
           SELECT d.rowid FROM deliveries d INDEXED BY idx_deliveries_done
           LEFT JOIN cards c ON c.id = d.card_id
           WHERE d.status <> 'queued' AND d.created_at < ?1
             AND (c.id IS NULL OR c.next_due_at IS NULL OR d.due_at < c.next_due_at OR d.due_at < c.active_from)
           ORDER BY d.created_at LIMIT ?2)`,
      )
      .bind(before, chunk),
    db
      .prepare(
        `DELETE FROM outbox WHERE rowid IN (
           SELECT rowid FROM outbox INDEXED BY idx_outbox_done
           WHERE status <> 'pending' AND created_at < ?1 ORDER BY created_at LIMIT ?2)`,
      )
      .bind(before, chunk),
  ]
}

/** Rows deleted by the statements of one purgeSettledStatements call, from their batch results. */
export function settledPurged(results: D1Result[]): { deliveries: number; emails: number } {
  return { deliveries: results[0]?.meta.changes ?? 0, emails: results[1]?.meta.changes ?? 0 }
}
