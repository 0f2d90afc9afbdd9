// The dev mailbox transport: while RESEND_API_KEY is unset, mail is stored in D1 (dev_mailbox)
// for the /dev/mailbox viewer instead of being sent.
import type { MailTransport, SendBatchResult } from './transport'

export function createDevMailboxTransport(db: D1Database, now: () => number): MailTransport {
  return {
    name: 'dev-mailbox',
    async sendBatch(messages, idempotencyKey): Promise<SendBatchResult> {
      if (messages.length === 0) return { ok: true, ids: [], errors: [], rateLimit: null }
      const at = now()
      // Like Resend's Idempotency-Key: a repeated batch stores nothing twice, and the ids are
      // derived from (key, position) so a retry gets the same answer as the first call.
      const insert = db.prepare(
        `INSERT OR IGNORE INTO dev_mailbox
           (idempotency_key, position, to_email, from_email, subject, html, text, headers, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      await db.batch(
        messages.map((m, i) =>
          insert.bind(idempotencyKey, i, m.to, m.from, m.subject, m.html, m.text, JSON.stringify(m.headers), at),
        ),
      )
      const { results } = await db
        .prepare('SELECT id, position FROM dev_mailbox WHERE idempotency_key = ? ORDER BY position')
        .bind(idempotencyKey)
        .all<{ id: number; position: number }>()
      const byPosition = new Map(results.map((r) => [r.position, `dev_${r.id}`]))
      return {
        ok: true,
        ids: messages.map((_, i) => byPosition.get(i) ?? null),
        errors: [],
        rateLimit: null,
      }
    },
  }
}
