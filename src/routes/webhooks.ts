// POST /webhooks/resend: Svix-signed Resend events. A permanent bounce, a complaint or a
// suppression stops all mail to the address; a repeated svix-id is a no-op; a bad signature is 401.
import { Hono } from 'hono'
import { Resend } from 'resend'
import { countMailStatement } from '../db/operator'
import { recordWebhookStatement, type SuppressionReason, seenWebhook, suppressStatements } from '../db/webhook-events'
import type { AppEnv } from '../env'

export const webhookRoutes = new Hono<AppEnv>()

interface ResendEvent {
  type?: unknown
  data?: { to?: unknown; bounce?: { type?: unknown } }
}

/** What an event means for the address, or null when it changes nothing. */
function suppressionFor(event: ResendEvent): SuppressionReason | null {
  switch (event.type) {
    case 'email.bounced':
      // Transient and undetermined bounces may deliver next time; only a permanent one stops mail.
      return event.data?.bounce?.type === 'Permanent' ? 'bounced' : null
    case 'email.complained':
      return 'complained'
    case 'email.suppressed':
      return 'suppressed'
    default:
      return null
  }
}

function recipients(event: ResendEvent): string[] {
  const to = event.data?.to
  const list = Array.isArray(to) ? to : typeof to === 'string' ? [to] : []
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.trim().toLowerCase())
}

webhookRoutes.post('/resend', async (c) => {
  const config = c.get('config')
  if (!config.webhookSecret) return c.json({ error: 'webhooks are not configured' }, 503)
  const id = c.req.header('svix-id') ?? ''
  const timestamp = c.req.header('svix-timestamp') ?? ''
  const signature = c.req.header('svix-signature') ?? ''
  const payload = await c.req.text()
  let event: ResendEvent
  try {
    // verify() only checks the signature; the key is never used for a request here.
    const resend = new Resend(config.resendApiKey ?? 're_unused')
    event = resend.webhooks.verify({
      payload,
      headers: { id, timestamp, signature },
      webhookSecret: config.webhookSecret,
    }) as ResendEvent
  } catch (err) {
    // Logged, so a wrong RESEND_WEBHOOK_SECRET shows up in the logs instead of only in Resend's retries.
    const reason = err instanceof Error ? err.message : String(err)
    console.warn(JSON.stringify({ event: 'webhook_rejected', svixId: id.slice(0, 64), reason }))
    return c.json({ error: 'invalid signature' }, 401)
  }
  const db = c.env.DB
  if (await seenWebhook(db, id)) return c.json({ ok: true, duplicate: true })
  const now = Date.now()
  const reason = suppressionFor(event)
  const emails = recipients(event)
  const statements = reason && emails.length ? suppressStatements(db, emails, reason, now) : []
  // Bounce and complaint rates on the operator page count events, once each (a repeated svix-id stops above).
  if (reason === 'bounced' || reason === 'complained') statements.push(countMailStatement(db, now, { [reason]: 1 }))
  // The event is recorded in the same transaction as its effect, so a failure is retried by Resend.
  await db.batch([...statements, recordWebhookStatement(db, id, String(event.type ?? ''), now)])
  if (reason) console.log(JSON.stringify({ event: 'address_suppressed', reason, count: emails.length }))
  return c.json({ ok: true })
})
