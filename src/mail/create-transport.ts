// Picks the mail transport: Resend when an API key is configured, else the local outbox.
import type { Config } from '../config'
import type { Env } from '../env'
import { createLocalOutboxTransport } from './local-outbox'
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
  return createLocalOutboxTransport(env.DB, () => Date.now())
}
