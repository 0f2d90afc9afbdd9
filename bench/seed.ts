// Seeds a local D1 (the one wrangler dev uses) with N confirmed subscriptions, ~1% due at an instant.
// next_due_at comes from the app's own planCard (src/domain/schedule.ts), as the cron would write it.
import './ts-hooks.ts'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { prng, ROOT, wranglerSync } from './lib.ts'

type PlanCard = typeof import('../src/domain/schedule.ts').planCard

export interface SeedResult {
  subscribers: number
  cards: number
  /** past deliveries (and sent outbox rows) seeded per subscriber */
  history: number
  /** cards with next_due_at <= instant */
  dueCards: number
  /** distinct addresses with something due (one email each) */
  dueAddresses: number
  seedMs: number
}

/** Timezones with SEND_HOUR 09:00 at 01:00 UTC (UTC+8): where reminders fall due at the instant. */
const DUE_ZONES = ['Asia/Hong_Kong', 'Asia/Shanghai', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Macau', 'Australia/Perth']
const OTHER_ZONES = [
  'Asia/Hong_Kong',
  'Asia/Hong_Kong',
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/Vancouver',
  'Australia/Sydney',
  'Pacific/Auckland',
]
const LEADS = [30, 14, 7, 3, 1, 0]
const CARRIERS = ['cmhk', '3hk', 'csl', 'smartone', 'cuhk', 'other', null]
const LOCALES = ['zh-Hant', 'zh-Hans', 'en']

const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Writes the seed as SQL files of `chunk` rows and applies them with
 * `wrangler d1 execute DB --local --persist-to DIR --file`. The schema must already be applied.
 */
export async function seed(opts: {
  persistTo: string
  workDir: string
  subscribers: number
  instant: number
  sendHour: number
  dueFraction?: number
  seed?: number
  chunk?: number
  /** past reminders per subscriber, already emailed and sent (a deployment's history) */
  history?: number
}): Promise<SeedResult> {
  const started = Date.now()
  const { planCard } = (await import('../src/domain/schedule.ts')) as { planCard: PlanCard }
  const rand = prng(opts.seed ?? 42)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const lastRun = opts.instant - 15 * 60_000
  const today = new Date(opts.instant + 8 * 3_600_000).toISOString().slice(0, 10)
  const dueFraction = opts.dueFraction ?? 0.01
  let dueCards = 0
  let files = 0
  let subs: string[] = []
  let cards: string[] = []
  let hist: string[] = []
  let histOut: string[] = []
  const history = opts.history ?? 0
  const flush = (force: boolean) => {
    const rowsPer = 150
    if (!force && subs.length + cards.length + hist.length + histOut.length < (opts.chunk ?? 40_000)) return
    let sql = ''
    for (let i = 0; i < subs.length; i += rowsPer) {
      sql += `INSERT INTO subscribers (id,email,locale,timezone,status,created_at,confirmed_at) VALUES ${subs.slice(i, i + rowsPer).join(',')};\n`
    }
    for (let i = 0; i < cards.length; i += rowsPer) {
      sql += `INSERT INTO cards (id,subscriber_id,status,label,carrier,expires_on,cycle_days,lead_days,auto_renew,balance_check,active_from,next_due_at,created_at,updated_at) VALUES ${cards.slice(i, i + rowsPer).join(',')};\n`
    }
    for (let i = 0; i < histOut.length; i += rowsPer) {
      sql += `INSERT INTO outbox (id,subscriber_id,kind,batch_key,to_email,message,status,attempts,next_attempt_at,provider_id,created_at,sent_at) VALUES ${histOut.slice(i, i + rowsPer).join(',')};\n`
    }
    for (let i = 0; i < hist.length; i += rowsPer) {
      sql += `INSERT INTO deliveries (id,occurrence_key,subscriber_id,card_id,kind,expires_on,lead_day,due_at,status,outbox_id,created_at) VALUES ${hist.slice(i, i + rowsPer).join(',')};\n`
    }
    if (!sql) return
    const file = join(opts.workDir, `seed-${files++}.sql`)
    writeFileSync(file, sql)
    wranglerSync(['d1', 'execute', 'DB', '--local', '--persist-to', opts.persistTo, '--file', file, '--yes'], {
      cwd: ROOT,
      timeoutMs: 600_000,
    })
    subs = []
    cards = []
    hist = []
    histOut = []
  }

  for (let i = 0; i < opts.subscribers; i++) {
    const wantDue = rand() < dueFraction
    const confirmedAt = opts.instant - Math.floor((1 + rand() * 300) * 86_400_000)
    let tz = ''
    let row: Record<string, string | number | null> = {}
    let nextDueAt: number | null = null
    // Draw settings until the card is due (or not due) as wanted; bounded.
    for (let attempt = 0; attempt < 50; attempt++) {
      tz = wantDue ? pick(DUE_ZONES) : pick(OTHER_ZONES)
      const leads = LEADS.filter(() => rand() < 0.5)
      if (leads.length === 0) leads.push(7)
      const lead = pick(leads)
      const expiresOn = wantDue ? addDays(today, lead) : addDays(today, 2 + Math.floor(rand() * 1000))
      const cycleDays = pick([30, 90, 180, 365, null])
      const autoRenew = cycleDays !== null && rand() < 0.3
      const balance = rand() < 0.3 ? 'monthly' : 'none'
      const settings = {
        id: `c${i}`,
        label: `Card ${i}`,
        carrier: pick(CARRIERS) as never,
        expiresOn,
        cycleDays,
        leadDays: leads,
        autoRenew,
        balanceCheck: balance as 'monthly' | 'none',
        activeFrom: confirmedAt,
      }
      const plan = planCard(settings, tz, opts.sendHour, lastRun)
      nextDueAt = plan.nextDueAt
      const isDue = nextDueAt !== null && nextDueAt <= opts.instant
      if (isDue !== wantDue) continue
      row = {
        id: settings.id,
        subscriber_id: `s${i}`,
        status: 'active',
        label: settings.label,
        carrier: settings.carrier,
        expires_on: plan.expiresOn,
        cycle_days: cycleDays,
        lead_days: JSON.stringify(leads),
        auto_renew: autoRenew ? 1 : 0,
        balance_check: balance,
        active_from: confirmedAt,
        next_due_at: nextDueAt,
        created_at: confirmedAt - 60_000,
        updated_at: confirmedAt,
      }
      break
    }
    if (!row.id) throw new Error(`seed: could not draw a ${wantDue ? 'due' : 'not-due'} card in ${tz}`)
    if (wantDue) dueCards++
    subs.push(
      `(${[`s${i}`, `bench-${i}@example.com`, pick(LOCALES), tz, 'active', confirmedAt - 60_000, confirmedAt].map(q).join(',')})`,
    )
    cards.push(`(${Object.values(row).map(q).join(',')})`)
    // History: reminders for earlier expiries, emailed and accepted by Resend 10–20, 40–50, 70–80 …
    // days ago. Like the cron's retention, the outbox keeps only the last 30 days of bodies; older
    // deliveries stay, their outbox_id set to NULL (ON DELETE SET NULL).
    for (let h = 0; h < history; h++) {
      const at = opts.instant - (h * 30 + 10 + rand() * 10) * 86_400_000
      const pastE = new Date(at + 7 * 86_400_000).toISOString().slice(0, 10)
      const kept = opts.instant - at < 30 * 86_400_000
      if (kept) {
        histOut.push(
          `(${[`ho${i}-${h}`, `s${i}`, 'reminder', `hist-${i}-${h}`, `bench-${i}@example.com`, '{}', 'sent', 1, Math.floor(at), `hist-${i}-${h}`, Math.floor(at), Math.floor(at) + 1000].map(q).join(',')})`,
        )
      }
      hist.push(
        `(${[`hd${i}-${h}`, `r:c${i}:${pastE}:7`, `s${i}`, `c${i}`, 'reminder', pastE, 7, Math.floor(at), 'emailed', kept ? `ho${i}-${h}` : null, Math.floor(at)].map(q).join(',')})`,
      )
    }
    flush(false)
  }
  flush(true)
  return {
    subscribers: opts.subscribers,
    cards: opts.subscribers,
    history,
    dueCards,
    dueAddresses: dueCards,
    seedMs: Date.now() - started,
  }
}
