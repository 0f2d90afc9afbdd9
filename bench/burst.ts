// Burst: N reminders due in the same quarter hour, a fake Resend at 5 requests/s and 100 emails a batch;
// time from the first cron fire until the last email is accepted, on the cron-only and the Queues path.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeResendServer } from '../test/fakes/server.ts'
import { BENCH_VARS, type DevServer, ROOT, sleep, startWranglerDev, tempDir, withTimeout, wranglerSync } from './lib.ts'
import { type CronLog, INSTANT, parseJsonLines } from './scheduler.ts'
import { seed } from './seed.ts'

const CRON = '*/15 * * * *'
const API_KEY = BENCH_VARS.RESEND_API_KEY
/** Resend's default limit per team (November 2026) and its batch size: the ceiling is 500 emails/s. */
export const BURST_RATE = 5
export const BURST_BATCH = 100
const QUARTER_HOUR_MS = 15 * 60_000
/** The Queues path is given up on when no email is accepted for this long (retries wait at most seconds). */
const STALL_MS = 120_000

export interface BurstResult {
  path: 'cron' | 'queues'
  due: number
  /** N / (rate × batch): the fastest Resend allows */
  ceilingS: number
  /** first cron fire → last email accepted, as a deployment would see it (see `timing`) */
  seconds: number
  fraction: number
  /** how `seconds` was obtained */
  timing: string
  /** wall time measured in this run, first fire → last accepted (cron runs fired back to back) */
  measuredS: number
  accepted: number
  lost: number
  doubled: number
  requests: number
  got429: number
  /** cron runs until everything was accepted; fired in all (the extra ones must send nothing) */
  runsNeeded: number
  runsFired: number
  /** per cron run: sent (cron path) or enqueued (Queues path), its ms and why it stopped */
  perRun: string
  /** Queues path: consumer invocations and their messages */
  consumerRuns: number
  consumerMessages: number
  /** emails the consumer sent and the cron sent (Queues path: the cron sends only what a consumer left) */
  sentByConsumer: number
  sentByCron: number
}

export async function prepareBurst(n: number, log: (s: string) => void) {
  const dir = tempDir(`burst-${n}`)
  const state = join(dir.path, 'state')
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state])
  const s = await seed({
    persistTo: state,
    workDir: dir.path,
    subscribers: n,
    instant: INSTANT,
    sendHour: 9,
    dueFraction: 1,
  })
  log(
    `  seeded ${n} subscriptions, ${s.dueCards} due at ${new Date(INSTANT).toISOString()} in ${(s.seedMs / 1000).toFixed(1)} s`,
  )
  return { dir, state, due: s.dueAddresses }
}

/** wrangler.toml with its commented Queues block switched on, paths made absolute, written to `dir`. */
function queuesConfig(dir: string): string {
  const lines = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8').split('\n')
  const start = lines.indexOf('# [[queues.producers]]')
  if (start < 0) throw new Error('wrangler.toml has no commented [[queues.producers]] block to switch on')
  for (let i = start; i < lines.length && (lines[i] as string).startsWith('#'); i++) {
    lines[i] = (lines[i] as string).replace(/^# ?/, '')
  }
  const text = lines
    .join('\n')
    .replace(/^main = "(.+)"$/m, (_, p) => `main = "${join(ROOT, p)}"`)
    .replace(/^migrations_dir = "(.+)"$/m, (_, p) => `migrations_dir = "${join(ROOT, p)}"`)
    .replace(/= "\.\/(src\/[^"]+)"/g, (_, p) => `= "${join(ROOT, p)}"`)
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'wrangler.toml')
  writeFileSync(path, text)
  return path
}

/** The fake Resend at 5 requests/s; notes when each email was accepted and keeps no bodies (100k of them). */
async function burstResend() {
  const server = await startFakeResendServer({ apiKey: API_KEY, rateLimit: BURST_RATE, rateWindowMs: 1000 })
  const { fake } = server
  let lastAcceptedAt = 0
  const handle = fake.handle.bind(fake)
  fake.handle = async (request) => {
    const before = fake.emails.length
    const res = await handle(request)
    if (fake.emails.length > before) {
      lastAcceptedAt = performance.now()
      for (let i = before; i < fake.emails.length; i++) {
        const e = fake.emails[i]
        if (e) e.html = e.text = undefined
      }
    }
    return res
  }
  return { server, fake, lastAcceptedAt: () => lastAcceptedAt }
}

async function fire(dev: DevServer, time: number): Promise<number> {
  const res = await fetch(`${dev.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}&time=${time}`, {
    signal: AbortSignal.timeout(900_000),
  })
  await res.arrayBuffer()
  return res.status
}

const VARS = {
  ...BENCH_VARS,
  SEND_HOUR: '9',
  WORKERS_PLAN: 'paid',
}

function tally(emails: Array<{ to: string[] }>, due: number) {
  const per = new Map<string, number>()
  for (const e of emails) for (const to of e.to) per.set(to, (per.get(to) ?? 0) + 1)
  let lost = 0
  for (let i = 0; i < due; i++) if (!per.has(`bench-${i}@example.com`)) lost++
  return { lost, doubled: [...per.values()].filter((n) => n > 1).length }
}

const runLine = (l: CronLog, what: 'sent' | 'enqueued') =>
  `${String(l[what] ?? 0)} in ${(Number(l.ms ?? 0) / 1000).toFixed(1)} s${l.stopped ? ` (${String(l.stopped)})` : ''}`

export async function runBurst(
  prepared: Awaited<ReturnType<typeof prepareBurst>>,
  path: 'cron' | 'queues',
  log: (s: string) => void,
): Promise<BurstResult> {
  const run = tempDir(`burst-run-${path}`)
  const state = join(run.path, 'state')
  cpSync(prepared.state, state, { recursive: true })
  const resend = await burstResend()
  const config = path === 'queues' ? queuesConfig(join(run.path, 'config')) : join(ROOT, 'wrangler.toml')
  let dev: DevServer | null = null
  const due = prepared.due
  try {
    dev = await startWranglerDev({
      config,
      persistTo: state,
      readyPath: '/healthz',
      vars: { ...VARS, RESEND_BASE_URL: resend.server.url },
    })
    const server = dev
    const cronLogs: CronLog[] = []
    const fireAt = async (k: number) => {
      const mark = server.output().length
      const t = performance.now()
      const status = await withTimeout('cron run', 900_000, () => fire(server, INSTANT + k * QUARTER_HOUR_MS))
      await sleep(200)
      if (status >= 500) log(`  run ${k + 1}: scheduled handler answered ${status}`)
      cronLogs.push(...parseJsonLines(server.since(mark)).filter((l) => l.event === 'cron_run'))
      return t
    }
    // The consumer goes on after a cron run returns: wait until all is accepted or it stalls.
    const drain = async () => {
      let seen = -1
      let since = performance.now()
      while (resend.fake.emails.length < due) {
        if (resend.fake.emails.length !== seen) {
          seen = resend.fake.emails.length
          since = performance.now()
        } else if (performance.now() - since > STALL_MS) {
          log(`  the consumer stalled at ${seen} of ${due} accepted`)
          return
        }
        await sleep(100)
      }
    }
    const t0 = performance.now()
    let runsNeeded = 0
    let lastFire = t0
    let k = 0
    if (path === 'cron') {
      // One run per quarter hour of scheduledTime, fired back to back, until everything is accepted.
      const maxRuns = Math.ceil(due / 1000) + 5
      for (; k < maxRuns && resend.fake.emails.length < due; k++) lastFire = await fireAt(k)
      runsNeeded = resend.fake.emails.length >= due ? k : 0
    } else {
      lastFire = await fireAt(k++)
      await drain()
      runsNeeded = resend.fake.emails.length >= due ? 1 : 0
    }
    const doneAt = resend.lastAcceptedAt()
    // Two more runs a quarter hour apart (and, on the Queues path, after the claims expire): nothing more
    // may go out, or what a dead message left must go out now.
    const extra = path === 'queues' ? [k, k + 1, k + 5] : [k, k + 1]
    for (const x of extra) {
      await fireAt(x)
      // Whatever a later run enqueued goes out before lost is counted (it is then not lost, only late).
      if (path === 'queues') await drain()
    }
    await sleep(path === 'queues' ? 5_000 : 0)
    // BENCH_BURST_LOG=prefix keeps wrangler's whole output (cron and consumer log lines) for a closer look.
    if (process.env.BENCH_BURST_LOG) writeFileSync(`${process.env.BENCH_BURST_LOG}-${path}-${due}.log`, server.output())
    const queueLogs = parseJsonLines(server.output()).filter((l) => l.event === 'queue_run')
    const measuredS = (doneAt - t0) / 1000
    // Cron path: runs come every 15 minutes in a deployment, so the burst takes (runs − 1) quarter hours
    // plus the last run's measured time from its fire to its last accepted email.
    const seconds = path === 'cron' && runsNeeded > 0 ? (runsNeeded - 1) * 900 + (doneAt - lastFire) / 1000 : measuredS
    const ceilingS = due / (BURST_RATE * BURST_BATCH)
    const { lost, doubled } = tally(resend.fake.emails, due)
    const sentByCron = cronLogs.reduce((a, l) => a + Number(l.sent ?? 0), 0)
    return {
      path,
      due,
      ceilingS,
      seconds: runsNeeded ? seconds : Number.NaN,
      fraction: runsNeeded ? ceilingS / seconds : 0,
      timing:
        path === 'cron'
          ? `${runsNeeded} runs on the 15-minute schedule: (${runsNeeded} − 1) × 900 s + the last run's measured ${((doneAt - lastFire) / 1000).toFixed(1)} s`
          : 'measured: one cron fire, the consumer draining the queue',
      measuredS,
      accepted: resend.fake.emails.length,
      lost,
      doubled,
      requests: resend.fake.log.length,
      got429: resend.fake.log.filter((l) => l.status === 429).length,
      runsNeeded,
      runsFired: cronLogs.length,
      perRun: cronLogs.map((l) => runLine(l, path === 'cron' ? 'sent' : 'enqueued')).join(', '),
      consumerRuns: queueLogs.length,
      consumerMessages: queueLogs.reduce((a, l) => a + Number(l.messages ?? 0), 0),
      sentByConsumer: queueLogs.reduce((a, l) => a + Number(l.sent ?? 0), 0),
      sentByCron,
    }
  } finally {
    await dev?.stop()
    await resend.server.close()
    run.remove()
  }
}
