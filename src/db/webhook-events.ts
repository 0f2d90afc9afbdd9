// Webhook de-duplication by svix-id, and the suppression a bounce or complaint causes.
import { withdrawUnsentRemindersStatements } from './outbox-withdraw'

/** Reasons stored in subscribers.suppressed_reason (the manage page explains each). */
export type SuppressionReason = 'bounced' | 'complained' | 'suppressed'

export async function seenWebhook(db: D1Database, svixId: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS hit FROM webhook_events WHERE svix_id = ?1').bind(svixId).first()
  return row !== null
}

export function recordWebhookStatement(db: D1Database, svixId: string, type: string, now: number): D1PreparedStatement {
  return db
    .prepare('INSERT OR IGNORE INTO webhook_events (svix_id, type, received_at) VALUES (?1, ?2, ?3)')
    .bind(svixId, type.slice(0, 100), now)
}

/**
 * Stops all mail to these addresses: marks them suppressed (first reason wins), takes their cards
 * off the schedule and cancels anything queued.
 */
export function suppressStatements(
  db: D1Database,
  emails: string[],
  reason: SuppressionReason,
  now: number,
): D1PreparedStatement[] {
  const list = JSON.stringify(emails)
  const ids = 'SELECT id FROM subscribers WHERE email IN (SELECT value FROM json_each(?1))'
  return [
    db
      .prepare(
        `UPDATE subscribers SET suppressed_at = ?2, suppressed_reason = ?3
         WHERE email IN (SELECT value FROM json_each(?1)) AND suppressed_at IS NULL`,
      )
      .bind(list, now, reason),
    db.prepare(`UPDATE cards SET next_due_at = NULL WHERE subscriber_id IN (${ids})`).bind(list),
    db
      .prepare(`UPDATE deliveries SET status = 'cancelled' WHERE status = 'queued' AND subscriber_id IN (${ids})`)
      .bind(list),
    ...withdrawUnsentRemindersStatements(db, ids, list, now, reason),
  ]
}
