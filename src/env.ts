// The Worker's bindings and settings, as wrangler.toml and secrets provide them.
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
  /** who runs this SIMKeep: shown on /privacy and in every email's footer */
  OPERATOR_NAME?: string
  OPERATOR_EMAIL?: string
  /** `free` (default) or `paid`: picks the cron's per-run limits (src/cron/limits.ts) */
  WORKERS_PLAN?: string
  /** Workers rate-limit binding; absent in some deployments, then D1 limits apply. */
  SUBSCRIBE_LIMITER?: RateLimit
}
