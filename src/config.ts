// Reads and checks the Worker's settings once per env object, failing loudly when one is wrong.
//
// Beyond each setting's own format, what a deployment must not do quietly:
// - Without RESEND_API_KEY mail goes to the dev mailbox, which is development on this machine: on a
//   PUBLIC_URL that is not loopback every email would be stored and none sent, so that is refused.
// - With RESEND_API_KEY, the shipped loopback PUBLIC_URL (links in real emails would point at the
//   reader's own machine) and a MAIL_FROM at localhost (Resend sends only from a verified domain) are
//   refused, unless RESEND_BASE_URL is loopback too: a local stand-in for Resend (tests, e2e).
// - RESEND_WEBHOOK_SECRET is decoded here (standard base64 after whsec_, as the SDK decodes it): a
//   malformed one would otherwise fail every webhook with 401 while bounces go unnoticed.
// - On a public URL, OPERATOR_NAME and OPERATOR_EMAIL say who runs the service (/privacy, footers).
import type { Config, Env, WorkersPlan } from './env'
import { isLoopbackUrl } from './lib/loopback'

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

const ADDRESS = /^[^\s<>@]+@([^\s<>@]+)$/
const NAMED_ADDRESS = /^[^<>\r\n]+<([^\s<>@]+@[^\s<>@]+)>$/
/** Strict standard base64 with padding, as @stablelib/base64 (used by the SDK's verifier) requires. */
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$/

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

/** The domain of MAIL_FROM's address, or null when MAIL_FROM is not an address. */
function mailFromDomain(mailFrom: string): string | null {
  const address = NAMED_ADDRESS.exec(mailFrom)?.[1] ?? mailFrom
  return ADDRESS.exec(address)?.[1]?.toLowerCase() ?? null
}

export function parseConfig(env: Env): Config {
  const problems: string[] = []

  const publicUrl = str(env.PUBLIC_URL)
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*[^/\s])?$/.test(publicUrl)) {
    problems.push('PUBLIC_URL must be an absolute http(s) URL without a trailing slash')
  }
  const mailFrom = str(env.MAIL_FROM)
  const fromDomain = mailFromDomain(mailFrom)
  if (!fromDomain) problems.push('MAIL_FROM must be an address such as "SIMKeep <remind@mail.example.com>"')
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
  if (webhookSecret && !(webhookSecret.startsWith('whsec_') && BASE64.test(webhookSecret.slice(6)))) {
    problems.push('RESEND_WEBHOOK_SECRET must be the whsec_… signing secret Resend shows, whole (whsec_ then base64)')
  }
  if (resendApiKey && !webhookSecret) {
    // Without it bounces and complaints would be ignored while real mail goes out.
    problems.push('RESEND_WEBHOOK_SECRET must be set when RESEND_API_KEY is set')
  }
  problems.push(...mailProblems({ publicUrl, resendApiKey, resendBaseUrl, fromDomain }))
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
  if (publicUrl && !isLoopbackUrl(publicUrl) && !(operatorName && operatorEmail)) {
    problems.push('OPERATOR_NAME and OPERATOR_EMAIL must be set when PUBLIC_URL is not a loopback URL')
  }
  const access = accessSettings(env, problems)
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
    access,
  }
}

/** ACCESS_TEAM_DOMAIN (a host name; https:// and a trailing slash are forgiven) and ACCESS_AUD, both or neither. */
function accessSettings(env: Env, problems: string[]): Config['access'] {
  const teamDomain = str(env.ACCESS_TEAM_DOMAIN)
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
  const aud = str(env.ACCESS_AUD)
  if (!teamDomain && !aud) return null
  if (!teamDomain || !aud) {
    problems.push('ACCESS_TEAM_DOMAIN and ACCESS_AUD must be set together')
    return null
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(teamDomain)) {
    problems.push('ACCESS_TEAM_DOMAIN must be a host name such as myteam.cloudflareaccess.com')
    return null
  }
  return { teamDomain, aud }
}

/** Where mail would really go, against what the other settings say (see the header). */
function mailProblems(s: {
  publicUrl: string
  resendApiKey: string | null
  resendBaseUrl: string
  fromDomain: string | null
}): string[] {
  if (!s.publicUrl) return []
  if (!s.resendApiKey) {
    return isLoopbackUrl(s.publicUrl)
      ? []
      : ['RESEND_API_KEY must be set when PUBLIC_URL is not a loopback URL (without it no email is sent)']
  }
  if (isLoopbackUrl(s.resendBaseUrl)) return []
  const problems: string[] = []
  if (isLoopbackUrl(s.publicUrl)) {
    problems.push('PUBLIC_URL must be the public address of this Worker when RESEND_API_KEY is set, not a loopback URL')
  }
  if (s.fromDomain === 'localhost' || s.fromDomain?.endsWith('.localhost')) {
    problems.push(
      'MAIL_FROM must be an address on a domain verified in Resend when RESEND_API_KEY is set, not localhost',
    )
  }
  return problems
}
