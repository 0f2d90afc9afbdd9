// Reads and checks the Worker's settings once per env object, failing loudly when one is wrong.
import type { Config, Env, WorkersPlan } from './env'

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // Names settings, never their values.
    super(`SIMKeep configuration is invalid: ${problems.join('; ')}`)
    this.name = 'ConfigError'
  }
}

const cache = new WeakMap<object, Config>()

export function getConfig(env: Env): Config {
  const hit = cache.get(env)
  if (hit) return hit
  const config = parseConfig(env)
  cache.set(env, config)
  return config
}

export function parseConfig(env: Env): Config {
  const problems: string[] = []
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

  const publicUrl = str(env.PUBLIC_URL)
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*[^/\s])?$/.test(publicUrl)) {
    problems.push('PUBLIC_URL must be an absolute http(s) URL without a trailing slash')
  }
  const mailFrom = str(env.MAIL_FROM)
  if (!/^(?:[^<>\r\n]+<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(mailFrom)) {
    problems.push('MAIL_FROM must be an address such as "SIMKeep <remind@mail.example.com>"')
  }
  const hourText = str(env.SEND_HOUR) || '9'
  const sendHour = Number(hourText)
  if (!/^\d{1,2}$/.test(hourText) || sendHour > 23) {
    problems.push('SEND_HOUR must be an integer from 0 to 23')
  }
  const resendApiKey = str(env.RESEND_API_KEY) || null
  if (resendApiKey && !resendApiKey.startsWith('re_')) {
    problems.push('RESEND_API_KEY must start with re_')
  }
  const resendBaseUrl = (str(env.RESEND_BASE_URL) || 'https://api.resend.com').replace(/\/+$/, '')
  if (!/^https?:\/\/\S+$/.test(resendBaseUrl)) problems.push('RESEND_BASE_URL must be an http(s) URL')
  const signingSecret = str(env.SIGNING_SECRET)
  if (new TextEncoder().encode(signingSecret).length < 32) {
    problems.push('SIGNING_SECRET must be set and at least 32 bytes long')
  }
  const webhookSecret = str(env.RESEND_WEBHOOK_SECRET) || null
  if (webhookSecret && !webhookSecret.startsWith('whsec_')) {
    problems.push('RESEND_WEBHOOK_SECRET must start with whsec_')
  }
  if (resendApiKey && !webhookSecret) {
    // Without it bounces and complaints would be ignored while real mail goes out.
    problems.push('RESEND_WEBHOOK_SECRET must be set when RESEND_API_KEY is set')
  }
  const siteKey = str(env.TURNSTILE_SITE_KEY)
  const secretKey = str(env.TURNSTILE_SECRET_KEY)
  if (Boolean(siteKey) !== Boolean(secretKey)) {
    problems.push('TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY must be set together')
  }
  const planText = str(env.WORKERS_PLAN) || 'free'
  // A typo must not silently run a Paid deployment at Free limits (or a Free one into the CPU limit).
  if (planText !== 'free' && planText !== 'paid') problems.push('WORKERS_PLAN must be free or paid')
  const operatorName = str(env.OPERATOR_NAME)
  const operatorEmail = str(env.OPERATOR_EMAIL)
  if (operatorEmail && !/^[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+$/.test(operatorEmail)) {
    problems.push('OPERATOR_EMAIL must be an email address such as privacy@example.com')
  }
  if (operatorEmail && !operatorName) problems.push('OPERATOR_NAME must be set when OPERATOR_EMAIL is set')
  if (problems.length) throw new ConfigError(problems)
  return {
    publicUrl,
    mailFrom,
    sendHour,
    resendApiKey,
    resendBaseUrl,
    signingSecret,
    webhookSecret,
    turnstile: siteKey && secretKey ? { siteKey, secretKey } : null,
    workersPlan: planText as WorkersPlan,
    operator: operatorName ? { name: operatorName, email: operatorEmail || null } : null,
  }
}
