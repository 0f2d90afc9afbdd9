// Picks the mail transport: Resend when an API key is configured, else the dev mailbox.
import type { Config, Env } from '../env'
import { createDevMailboxTransport } from './dev-mailbox'
import { createResendTransport } from './resend'
import type { MailTransport } from './transport'

export function createTransport(env: Env, config: Config, options: { timeoutMs?: number } = {}): MailTransport {
  if (config.resendApiKey) {
    return createResendTransport({
      apiKey: config.resendApiKey,
      baseUrl: config.resendBaseUrl,
      timeoutMs: options.timeoutMs,
    })
  }
  return createDevMailboxTransport(env.DB, () => Date.now())
}
