// The Worker's bindings and settings as wrangler.toml and secrets provide them, the settings once
// checked, and the Hono types every route shares: defined here once, below everything that uses them.
import type { Context } from 'hono'
import type { SendMessage } from './domain/send-message'
import type { Locale } from './domain/types'

export interface Env {
  DB: D1Database
  PUBLIC_URL?: string
  MAIL_FROM?: string
  SEND_HOUR?: string
  RESEND_API_KEY?: string
  RESEND_BASE_URL?: string
  SIGNING_SECRET?: string
  RESEND_WEBHOOK_SECRET?: string
  TURNSTILE_SITE_KEY?: string
  TURNSTILE_SECRET_KEY?: string
  /** who runs this SIMKeep: shown on /privacy and in every email's footer; required on a public URL */
  OPERATOR_NAME?: string
  OPERATOR_EMAIL?: string
  /** Cloudflare Access team domain (e.g. myteam.cloudflareaccess.com) and application audience tag: /admin */
  ACCESS_TEAM_DOMAIN?: string
  ACCESS_AUD?: string
  /** `free` (default) or `paid`: picks the cron's per-run limits (src/cron/limits.ts) */
  WORKERS_PLAN?: string
  /** Workers rate-limit binding; absent in some deployments, then D1 limits apply. */
  SUBSCRIBE_LIMITER?: RateLimit
  /** Queues send path (optional): with it the cron plans and enqueues, the `queue` handler renders and sends */
  SEND_QUEUE?: Queue<SendMessage>
}

/** The Cloudflare Workers plan the Worker is deployed on; it sets how much one cron run may do. */
export type WorkersPlan = 'free' | 'paid'

/** The settings after src/config.ts checked them. */
export interface Config {
  publicUrl: string
  mailFrom: string
  sendHour: number
  /** null: mail goes to the dev mailbox (development on a loopback URL only) */
  resendApiKey: string | null
  resendBaseUrl: string
  signingSecret: string
  webhookSecret: string | null
  turnstile: { siteKey: string; secretKey: string } | null
  workersPlan: WorkersPlan
  /** who runs this deployment (OPERATOR_NAME, OPERATOR_EMAIL); null where not set (local development) */
  operator: { name: string; email: string | null } | null
  /** the Cloudflare Access application in front of /admin; null: /admin does not exist */
  access: { teamDomain: string; aud: string } | null
}

export type AppEnv = {
  Bindings: Env
  Variables: {
    config: Config
    locale: Locale
    /** true when the language came from ?lang= or the cookie, i.e. the person chose it */
    localeChosen: boolean
    secureHeadersNonce?: string
  }
}

/** The context every route handler gets. */
export type Ctx = Context<AppEnv>
