// Scheduler at scale: seeded local D1, the cron fired through wrangler dev, a rate-limited fake Resend.
import { cpSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeResendServer } from '../test/fakes/server.ts'
import { BENCH_VARS, type DevServer, ROOT, sleep, startWranglerDev, tempDir, withTimeout, wranglerSync } from './lib.ts'
import { type SeedResult, seed } from './seed.ts'

/** 2026-12-15 09:00 in Hong Kong: SEND_HOUR for UTC+8 subscribers, mid-month (no balance checks). */
export const INSTANT = Date.UTC(2026, 11, 15, 1, 0, 0)
const CRON = '*/15 * * * *'
const API_KEY = BENCH_VARS.RESEND_API_KEY

export interface CronLog {
  [k: string]: unknown
}

export interface SchedulerResult {
  /** WORKERS_PLAN the Worker ran with: it sets the cron's per-run caps */
  plan: 'free' | 'paid'
  subscribers: number
  rateLimit: number
  due: number
  runs: number
  /** runs until everything due was accepted */
  runsNeeded: number
  sent: number
  /** emails the fake accepted, and how many recipients got more than one */
  accepted: number
  doubled: number
  rowsRead: number
  rowsReadPerDue: number
  /** per run: emails sent and why it stopped early (the cron's own log) */
  perRun: string
  /** rows read by the last run, which had nothing left to do */
  idleRowsRead: number
  /** the uncounted run 15 minutes before the due instant: its rows read and the settled rows it pruned */
  previousRun: { rowsRead: number; pruned: number }
  history: number
  scanRowsRead: number
  scanRowsPerDue: number
  /** D1 calls in the busiest run, from the cron's log (d1Calls), and that run's due + sent */
  d1CallsMax: number
  d1CallsTotal: number
  /** D1 calls of the last run, which had nothing left to do */
  idleD1Calls: number
  /** emails sent by the first run */
  firstRunSent: number
  busiest: CronLog | null
  subrequestsMax: number
  subrequestsTotal: number
  batchesIdeal: number
  requestsAtFake: number
  emailsPerSec: number
  ceilingPerSec: number
  got429: number
  wallMs: number
  cpuMsMax: number | null
  logs: CronLog[]
  seed: SeedResult
  missingFields: string[]
}

/** CPU time (ms) of the workerd processes in a process group, from /proc (10 ms resolution). */
function workerdCpuMs(pgid: number | undefined): number | null {
  if (!pgid) return null
  let total = 0
  let found = false
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue
      let stat: string
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      } catch {
        continue
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(f[2]) !== pgid || !comm.startsWith('workerd')) continue
      found = true
      total += (Number(f[11]) + Number(f[12])) * 10
    }
  } catch {
    return null
  }
  return found ? total : null
}

/** Every JSON object line the Worker logged (wrangler dev prints console.log lines as they are). */
export function parseJsonLines(text: string): CronLog[] {
  const out: CronLog[] = []
  for (const line of text.split('\n')) {
    const i = line.indexOf('{')
    if (i < 0) continue
    try {
      const v = JSON.parse(line.slice(i))
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v)
    } catch {}
  }
  return out
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const field = (log: CronLog, ...names: string[]) => {
  for (const n of names) if (n in log) return num(log[n])
  return 0
}

/** The cron's period: the run before the due instant fired this much earlier. */
const PREVIOUS_RUN_MS = 15 * 60_000

async function fire(dev: DevServer, time: number): Promise<{ status: number; ms: number }> {
  const t0 = performance.now()
  const res = await fetch(`${dev.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}&time=${time}`, {
    signal: AbortSignal.timeout(180_000),
  })
  await res.arrayBuffer()
  return { status: res.status, ms: performance.now() - t0 }
}

async function scanBaseline(persistTo: string, instant: number) {
  const dev = await startWranglerDev({
    config: join(ROOT, 'bench/scan-worker/wrangler.toml'),
    persistTo,
    readyPath: '/?t=0',
  })
  try {
    const res = await fetch(`${dev.url}/?t=${instant}`)
    return (await res.json()) as { due: number; scanRowsRead: number; indexedRowsRead: number; total: unknown }
  } finally {
    await dev.stop()
  }
}

export async function prepareScale(subscribers: number, log: (s: string) => void, history = 0) {
  const dir = tempDir(`seed-${subscribers}`)
  const state = join(dir.path, 'state')
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state])
  const s = await seed({ persistTo: state, workDir: dir.path, subscribers, instant: INSTANT, sendHour: 9, history })
  log(
    `  seeded ${subscribers} subscriptions (${s.dueCards} due, ${history} past reminders each) in ${(s.seedMs / 1000).toFixed(1)} s`,
  )
  const scan = await scanBaseline(state, INSTANT)
  log(`  full-table scan: rows_read ${scan.scanRowsRead}; indexed count: ${scan.indexedRowsRead}; due ${scan.due}`)
  return { dir, state, seed: s, scan }
}

export async function runScheduler(
  prepared: Awaited<ReturnType<typeof prepareScale>>,
  rateLimit: number,
  log: (s: string) => void,
  plan: 'free' | 'paid' = 'paid',
  maxRuns = 80,
): Promise<SchedulerResult> {
  const run = tempDir(`run-${prepared.seed.subscribers}-${rateLimit}-${plan}`)
  const state = join(run.path, 'state')
  cpSync(prepared.state, state, { recursive: true })
  const fake = await startFakeResendServer({ apiKey: API_KEY, rateLimit, rateWindowMs: 1000 })
  let dev: DevServer | null = null
  try {
    dev = await startWranglerDev({
      config: join(ROOT, 'wrangler.toml'),
      persistTo: state,
      readyPath: '/healthz',
      vars: {
        ...BENCH_VARS,
        RESEND_BASE_URL: fake.url,
        SEND_HOUR: '9',
        WORKERS_PLAN: plan,
      },
    })
    const due = prepared.scan.due
    const logs: CronLog[] = []
    let runs = 0
    let wallMs = 0
    let cpuMsMax: number | null = null
    let quiet = 0
    let runsNeeded = 0
    // The run a quarter hour before, not counted: as in a deployment, where every run prunes what turned
    // 30 days old since the last one, it prunes the seeded history's old reminders (two of three) at once.
    const before = dev.output().length
    await withTimeout('previous cron run', 200_000, () => fire(dev as DevServer, INSTANT - PREVIOUS_RUN_MS))
    await sleep(100)
    const previous = parseJsonLines(dev.since(before)).filter((l) => 'rowsRead' in l || 'rows_read' in l)
    const previousRun = {
      rowsRead: previous.reduce((a, l) => a + field(l, 'rowsRead', 'rows_read'), 0),
      pruned: previous.reduce((a, l) => a + field(l, 'pruned'), 0),
    }
    log(`   previous run (not counted): rows read ${previousRun.rowsRead}, pruned ${previousRun.pruned}`)
    const wallStart = performance.now()
    while (runs < maxRuns) {
      const mark = dev.output().length
      const cpu0 = workerdCpuMs(dev.pgid)
      const r = await withTimeout('cron run', 200_000, () => fire(dev as DevServer, INSTANT + runs * 60_000))
      const cpu1 = workerdCpuMs(dev.pgid)
      if (cpu0 !== null && cpu1 !== null) cpuMsMax = Math.max(cpuMsMax ?? 0, cpu1 - cpu0)
      runs++
      wallMs += r.ms
      await sleep(100)
      const lines = parseJsonLines(dev.since(mark)).filter((l) => 'rowsRead' in l || 'rows_read' in l || 'due' in l)
      logs.push(...lines)
      if (r.status >= 500) log(`  run ${runs}: scheduled handler answered ${r.status}`)
      const accepted = fake.fake.emails.length
      if (accepted >= due && runsNeeded === 0) runsNeeded = runs
      if (accepted >= due) {
        // One more run at the end: it must find nothing left (and send nothing twice).
        if (++quiet >= 2) break
      }
    }
    const wallAll = performance.now() - wallStart
    const perRecipient = new Map<string, number>()
    for (const e of fake.fake.emails) for (const to of e.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
    const rowsRead = logs.reduce((a, l) => a + field(l, 'rowsRead', 'rows_read'), 0)
    const subs = logs.map((l) => field(l, 'subrequests', 'subRequests'))
    const sent = logs.reduce((a, l) => a + field(l, 'sent'), 0)
    const wanted = ['rowsRead', 'subrequests', 'sent', 'ms', 'due']
    const missingFields = wanted.filter((w) => !logs.some((l) => w in l))
    const sendingMs = logs.reduce((a, l) => a + (field(l, 'sent') > 0 ? field(l, 'ms') : 0), 0) || wallMs
    return {
      plan,
      subscribers: prepared.seed.subscribers,
      rateLimit,
      due,
      runs,
      runsNeeded,
      sent,
      accepted: fake.fake.emails.length,
      doubled: [...perRecipient.values()].filter((n) => n > 1).length,
      rowsRead,
      rowsReadPerDue: due ? rowsRead / due : 0,
      perRun: logs.map((l) => `${field(l, 'sent')}${l.stopped ? ` (${String(l.stopped)})` : ''}`).join(', '),
      idleRowsRead: logs.length ? field(logs[logs.length - 1] as CronLog, 'rowsRead', 'rows_read') : 0,
      previousRun,
      history: prepared.seed.history,
      scanRowsRead: prepared.scan.scanRowsRead,
      scanRowsPerDue: due ? prepared.scan.scanRowsRead / due : 0,
      d1CallsMax: Math.max(0, ...logs.map((l) => field(l, 'd1Calls'))),
      d1CallsTotal: logs.reduce((a, l) => a + field(l, 'd1Calls'), 0),
      idleD1Calls: logs.length ? field(logs[logs.length - 1] as CronLog, 'd1Calls') : 0,
      firstRunSent: logs.length ? field(logs[0] as CronLog, 'sent') : 0,
      busiest: logs.reduce<CronLog | null>((a, l) => (!a || field(l, 'sent') > field(a, 'sent') ? l : a), null),
      subrequestsMax: subs.length ? Math.max(...subs) : 0,
      subrequestsTotal: subs.reduce((a, b) => a + b, 0),
      batchesIdeal: Math.ceil(due / 100),
      requestsAtFake: fake.fake.log.length,
      emailsPerSec: fake.fake.emails.length / (sendingMs / 1000),
      ceilingPerSec: rateLimit * 100,
      got429: fake.fake.log.filter((l) => l.status === 429).length,
      wallMs: wallAll,
      cpuMsMax,
      logs,
      seed: prepared.seed,
      missingFields,
    }
  } finally {
    await dev?.stop()
    await fake.close()
    run.remove()
  }
}
