// Queues one transactional email (confirmation, manage link) and tries it right after the answer.
import type { Context } from 'hono'
import type { AppEnv } from '../app'
import type { RenderedEmail } from '../email/render'
import { deliverNow, enqueueConfirmation } from './outbox'

export async function queueTransactional(
  c: Context<AppEnv>,
  args: { subscriberId: string; to: string; email: RenderedEmail; unsubscribeUrl: string; now: number },
): Promise<void> {
  const config = c.get('config')
  // Counted with confirmations: together at most 3 an hour per address (security/rate-limit.ts).
  const outboxId = await enqueueConfirmation(c.env.DB, {
    subscriberId: args.subscriberId,
    now: args.now,
    message: {
      from: config.mailFrom,
      to: args.to,
      subject: args.email.subject,
      html: args.email.html,
      text: args.email.text,
      headers: {
        'List-Unsubscribe': `<${args.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    },
  })
  // Sent after the answer; a failure stays in the outbox for the cron to retry.
  c.executionCtx.waitUntil(
    deliverNow(c.env, config, [outboxId], args.now).catch((err) => console.error('email send deferred', err)),
  )
}
