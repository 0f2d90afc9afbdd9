// `npm run bench`: bundle, HTTP, scheduler-at-scale, 09:00 burst, CPU, fault-tolerance, fuzz and storage
// figures, each with a baseline or ceiling from the same run; prints tables and writes docs/benchmarks.md.
// BENCH_SECTIONS picks sections; BENCH_BURST the burst sizes, BENCH_BURST_PATHS its paths (cron,queues).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PLAN_LIMITS } from '../src/cron/limits.ts'
import { startFakeResendServer } from '../test/fakes/server.ts'
import { type BundleSize, runBundle } from './bundle.ts'
import { BURST_BATCH, BURST_RATE, type BurstResult, prepareBurst, runBurst } from './burst.ts'
import { type CpuFigures, runCpu } from './cpu.ts'
import { type LoadResult, loadGet, loadSubscribe, readForm } from './http.ts'
import { BENCH_VARS, killAll, machineInfo, ROOT, startWranglerDev, tempDir, wranglerSync } from './lib.ts'
import { prepareScale, runScheduler, type SchedulerResult } from './scheduler.ts'

const env = (k: string, d: string) => process.env[k] ?? d
const SECTIONS = new Set(env('BENCH_SECTIONS', 'bundle,http,scheduler,burst,cpu,fault,fuzz,storage').split(','))
const SCALES = env('BENCH_SCALES', '10000,100000').split(',').map(Number)
const RATES = env('BENCH_RATES', '2,10').split(',').map(Number)
const BURSTS = env('BENCH_BURST', '10000,100000').split(',').map(Number)
const BURST_PATHS = env('BENCH_BURST_PATHS', 'cron,queues').split(',') as Array<'cron' | 'queues'>
const HISTORY = env('BENCH_HISTORY', '0,3').split(',').map(Number)
const HTTP_SECONDS = Number(env('BENCH_HTTP_SECONDS', '10'))
const HTTP_CONNECTIONS = Number(env('BENCH_HTTP_CONNECTIONS', '10'))
/** rounds of each baseline/SIMKeep pair per route; the figure is the median of their ratios */
const HTTP_ROUNDS = Number(env('BENCH_HTTP_ROUNDS', '5'))
const FT_SUBSCRIBERS = env('BENCH_FT_SUBSCRIBERS', '2000')
const FT_DAYS = env('BENCH_FT_DAYS', '10')
/** a test-name pattern: run only the cron path's or the Queues path's fault run (`-t`) */
const FT_ONLY = process.env.BENCH_FT_ONLY
const FUZZ_RUNS = env('BENCH_FUZZ_RUNS', '10000')
const STORAGE_SUBSCRIBERS = env('BENCH_STORAGE_SUBSCRIBERS', '10000')
const STORAGE_DAYS = env('BENCH_STORAGE_DAYS', '365')
const OUT = env('BENCH_OUT', join(ROOT, 'docs/benchmarks.md'))

const log = (s: string) => console.log(s)
const failures: string[] = []

async function section<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
  if (!SECTIONS.has(name)) return null
  log(`\n== ${name}`)
  const t0 = Date.now()
  try {
    const r = await fn()
    log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`)
    return r
  } catch (e) {
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e)
    failures.push(`${name}: ${msg.split('\n').slice(0, 6).join(' / ')}`)
    log(`   FAILED: ${msg}`)
    return null
  }
}

/** the middle value (the mean of the middle two for an even count); NaN for none */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  if (s.length === 0) return Number.NaN
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–')
function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

// ---------------------------------------------------------------- HTTP
type RoundResult = LoadResult & { round: number }

interface HttpFigures {
  results: RoundResult[]
  /** after the POST run: pending subscriptions stored, confirmation emails the fake accepted */
  stored: number | null
  confirmations: number
}

async function runHttp(): Promise<HttpFigures> {
  const state = tempDir('http')
  const fake = await startFakeResendServer({ apiKey: 're_bench' })
  const stateDir = join(state.path, 'state')
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir])
  const base = await startWranglerDev({ config: join(ROOT, 'bench/baseline-hello/wrangler.toml') })
  let app: Awaited<ReturnType<typeof startWranglerDev>> | null = null
  try {
    app = await startWranglerDev({
      config: join(ROOT, 'wrangler.toml'),
      persistTo: stateDir,
      readyPath: '/healthz',
      vars: { ...BENCH_VARS, RESEND_BASE_URL: fake.url },
    })
    const results: RoundResult[] = []
    const show = (r: RoundResult) => {
      results.push(r)
      log(
        `   ${r.round} ${r.target.padEnd(10)} ${r.route.padEnd(16)} ${f1(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  429 ${r.tooMany}  ${JSON.stringify(r.statuses)}`,
      )
    }
    const template = await readForm(app.url)
    log(
      `   form: action ${template.action}, hidden fields [${template.hidden.map(([k]) => k).join(', ')}], cookie ${template.cookie ? 'yes' : 'no'}`,
    )
    const echoForm = { action: '/subscribe', hidden: [], cookie: '' }
    // Rounds, each pair back to back and their order swapped every round: a neighbour's burst on this
    // shared machine then lands on either side, and the median of the rounds' ratios is the figure.
    for (let round = 1; round <= HTTP_ROUNDS; round++) {
      const pair = <T>(first: () => Promise<T>, second: () => Promise<T>) =>
        round % 2 === 1 ? [first, second] : [second, first]
      for (const run of pair(
        () => loadGet(base.url, 'baseline', HTTP_SECONDS, HTTP_CONNECTIONS),
        () => loadGet(app.url, 'SIMKeep', HTTP_SECONDS, HTTP_CONNECTIONS),
      ))
        show({ ...(await run()), round })
      for (const run of pair(
        () => loadSubscribe(base.url, 'baseline', HTTP_SECONDS, HTTP_CONNECTIONS, echoForm, round * 1_000_000),
        () => loadSubscribe(app.url, 'SIMKeep', HTTP_SECONDS, HTTP_CONNECTIONS, template, round * 1_000_000),
      ))
        show({ ...(await run()), round })
    }
    await app.stop()
    let stored: number | null = null
    try {
      const out = wranglerSync([
        'd1',
        'execute',
        'DB',
        '--local',
        '--persist-to',
        stateDir,
        '--json',
        '--command',
        "SELECT count(*) AS n FROM cards WHERE status = 'pending'",
      ])
      stored = Number(/"n":\s*(\d+)/.exec(out)?.[1] ?? Number.NaN)
    } catch {}
    log(
      `   stored pending subscriptions: ${stored}; confirmation emails accepted by the fake: ${fake.fake.emails.length}`,
    )
    return { results, stored, confirmations: fake.fake.emails.length }
  } finally {
    await app?.stop()
    await base.stop()
    await fake.close()
    state.remove()
  }
}

// ---------------------------------------------------------------- scheduler
async function runSchedulerAll(): Promise<SchedulerResult[]> {
  const out: SchedulerResult[] = []
  for (const history of HISTORY)
    for (const n of SCALES) {
      log(`-- ${n} subscriptions, ${history} past reminders each`)
      const prepared = await prepareScale(n, log, history)
      try {
        // The scale rows run on the Paid plan's caps, so they show the machinery rather than the Free
        // plan's 20-emails-a-run CPU guard; one Free row (smallest scale, 2 req/s) shows that guard at work.
        const runs: Array<['free' | 'paid', number]> = RATES.map((rate) => ['paid', rate])
        if (n === SCALES[0] && history === HISTORY[0]) runs.push(['free', RATES[0] as number])
        for (const [plan, rate] of runs) {
          const r = await runScheduler(prepared, rate, log, plan)
          out.push(r)
          log(
            `   ${plan}, limit ${rate}/s: due ${r.due}, runs needed ${r.runsNeeded} (fired ${r.runs}), accepted ${r.accepted}, doubled ${r.doubled}, rows read ${r.rowsRead} (${f2(r.rowsReadPerDue)}/due; scan ${f1(r.scanRowsPerDue)}/due; idle run ${r.idleRowsRead}), subrequests max ${r.subrequestsMax}/run total ${r.subrequestsTotal} (ideal ${r.batchesIdeal}), ${f1(r.emailsPerSec)} emails/s of ${r.ceilingPerSec}, 429s ${r.got429}, wall ${f1(r.wallMs / 1000)} s`,
          )
          if (r.missingFields.length) log(`   the cron log lacks: ${r.missingFields.join(', ')}`)
        }
      } finally {
        prepared.dir.remove()
      }
    }
  return out
}

// ---------------------------------------------------------------- burst
async function runBurstAll(): Promise<Array<BurstResult & { load: string }>> {
  const out: Array<BurstResult & { load: string }> = []
  for (const n of BURSTS) {
    log(`-- burst: ${n} due in the same quarter hour`)
    const prepared = await prepareBurst(n, log)
    try {
      for (const path of BURST_PATHS) {
        const load = loadAvg()
        const r = { ...(await runBurst(prepared, path, log)), load }
        out.push(r)
        log(
          `   ${path}: ${f1(r.seconds)} s against the ceiling ${f1(r.ceilingS)} s (${f2(r.fraction)}), accepted ${r.accepted}/${r.due}, lost ${r.lost}, doubled ${r.doubled}, requests ${r.requests} (429: ${r.got429}), measured ${f1(r.measuredS)} s; runs ${r.perRun}; consumer ${r.consumerRuns} invocations, ${r.consumerMessages} messages, sent ${r.sentByConsumer} (cron ${r.sentByCron})`,
        )
      }
    } finally {
      prepared.dir.remove()
    }
  }
  return out
}

const loadAvg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

// ---------------------------------------------------------------- vitest at scale
interface VitestResult {
  ok: boolean
  results: Array<Record<string, unknown>>
  ms: number
  tail: string
}

function runVitest(include: string, extra: Record<string, string>, only?: string): Promise<VitestResult> {
  const t0 = Date.now()
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'bench/vitest.scale.config.ts',
        ...(only ? ['-t', only] : []),
      ],
      {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...extra, BENCH_VITEST_INCLUDE: include, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
    )
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    }, 2_400_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const results: Array<Record<string, unknown>> = []
      for (const m of out.matchAll(/BENCH_RESULT (\{.*\})/g)) {
        try {
          results.push(JSON.parse(m[1] as string))
        } catch {}
      }
      resolve({ ok: code === 0, results, ms: Date.now() - t0, tail: out.slice(-3000) })
    })
  })
}

// ---------------------------------------------------------------- report
function render(
  m: Record<string, string>,
  bundle: BundleSize[] | null,
  http: HttpFigures | null,
  sched: SchedulerResult[] | null,
  ft: VitestResult | null,
  fuzz: VitestResult | null,
  cpu: CpuFigures | null,
  storage: VitestResult | null = null,
  burst: Array<BurstResult & { load: string }> | null = null,
): string {
  const parts: string[] = []
  parts.push('# SIMKeep benchmarks\n')
  parts.push(
    'Written by `npm run bench` (bench/run.ts). Every figure has a baseline measured in the same run on the same machine; the machine is shared and noisy, so read the ratios.\n',
  )
  parts.push(
    table(
      ['date (UTC)', 'nproc', 'CPU', 'memory', 'node', 'wrangler', 'load avg at start', 'commit'],
      [
        [
          m.date ?? '',
          m.nproc ?? '',
          m.cpu ?? '',
          m.memory ?? '',
          m.node ?? '',
          m.wrangler ?? '',
          m.load ?? '',
          m.git ?? '',
        ],
      ],
    ),
  )
  if (failures.length)
    parts.push(`\n**Sections that failed in this run:**\n\n${failures.map((f) => `- ${f}`).join('\n')}\n`)

  if (sched?.length) {
    parts.push('\n## Scheduler at scale\n')
    parts.push(
      "Local D1 seeded with N confirmed subscriptions (one card each, 14 timezones, expiries spread over ~3 years, random lead days, auto-renew and balance checks), about 1% due at 2026-12-15 01:00 UTC (09:00 in UTC+8). `next_due_at` comes from the app's own `planCard` as of the previous run 15 minutes earlier. The cron is fired through `/cdn-cgi/handler/scheduled?time=` against `wrangler dev`, with a fake Resend enforcing the rate limit; it is fired again (scheduledTime + 1 min each time) until everything due is accepted, then twice more to show nothing else goes out. Before them, the run a quarter hour earlier is fired and not counted: as every run in a deployment prunes the reminders that turned 30 days old since the one before, it prunes the seeded history's older reminders (two of three past reminders each), which no measured run then pays for. Baseline for reads: a full-table scan of the same cards (`next_due_at + 0 <= t`, D1 `meta.rows_read`). The scale rows run with `WORKERS_PLAN=paid`, so they show the machinery rather than the Free plan's per-run email cap; one `free` row (smallest scale, 2 req/s) shows that cap at work.\n",
    )
    parts.push(
      table(
        [
          'WORKERS_PLAN',
          'subscriptions',
          'past reminders each',
          'limit req/s',
          'due',
          'runs needed (fired)',
          'accepted',
          'doubled',
          'rows read',
          'rows read / due',
          'full-scan rows / due (baseline)',
          'rows read by an idle run',
          'previous run, not counted: rows read (settled rows pruned)',
          'D1 calls max/run',
          'Resend requests max/run',
          'Resend requests total',
          'ceil(due/100)',
          'requests at fake',
          'emails/s',
          'ceiling (limit×100)',
          '429s',
          'wall s',
          'workerd CPU ms/run (max)',
          'sent per run (why it stopped)',
        ],
        sched.map((r) => [
          r.plan,
          r.subscribers,
          r.history,
          r.rateLimit,
          r.due,
          `${r.runsNeeded} (${r.runs})`,
          r.accepted,
          r.doubled,
          r.rowsRead,
          f2(r.rowsReadPerDue),
          f1(r.scanRowsPerDue),
          r.idleRowsRead,
          `${r.previousRun.rowsRead} (${r.previousRun.pruned})`,
          r.d1CallsMax,
          r.subrequestsMax,
          r.subrequestsTotal,
          r.batchesIdeal,
          r.requestsAtFake,
          f1(r.emailsPerSec),
          r.ceilingPerSec,
          r.got429,
          f1(r.wallMs / 1000),
          r.cpuMsMax ?? '–',
          r.perRun,
        ]),
      ),
    )
    for (const rate of RATES) {
      for (const history of HISTORY) {
        const rows = sched.filter((r) => r.plan === 'paid' && r.rateLimit === rate && r.history === history)
        const [a, b] = [rows[0], rows[rows.length - 1]]
        if (!a || !b || a === b) continue
        parts.push(
          `\n**Paid plan, ${a.subscribers} → ${b.subscribers} subscriptions, ${history} past reminders each, limit ${rate}/s, per due reminder:** rows read ${f2(a.rowsReadPerDue)} → ${f2(b.rowsReadPerDue)} (×${f2(b.rowsReadPerDue / a.rowsReadPerDue)}); Resend requests ${f2(a.subrequestsTotal / a.due)} → ${f2(b.subrequestsTotal / b.due)}; wall ms ${f1(a.wallMs / a.due)} → ${f1(b.wallMs / b.due)}; full-scan baseline rows ${f1(a.scanRowsPerDue)} → ${f1(b.scanRowsPerDue)}; idle run rows ${a.idleRowsRead} → ${b.idleRowsRead}.\n`,
        )
      }
    }
    const missing = [...new Set(sched.flatMap((r) => r.missingFields))]
    if (missing.length) parts.push(`\nThe cron's log line lacked: ${missing.join(', ')} (figures from it read as 0).\n`)
    const sample = [...sched].sort((a, b) => b.due - a.due)[0]?.busiest
    if (sample)
      parts.push(
        `\nThe busiest run's log line (largest scale), as the cron printed it:\n\n\`\`\`json\n${JSON.stringify(sample)}\n\`\`\`\n`,
      )
  }

  if (burst?.length) {
    parts.push('\n## The 09:00 burst\n')
    parts.push(
      `Local D1 seeded with N confirmed subscriptions, every one due at 2026-12-15 01:00 UTC (09:00 in UTC+8, one card and one email each). A fake Resend on loopback enforces ${BURST_RATE} requests/s per team and takes ${BURST_BATCH} emails a batch, answering 429 with \`retry-after\` and \`ratelimit-*\` headers over the limit, as Resend documents; the ceiling is N / ${BURST_RATE * BURST_BATCH} s. The Worker runs under \`wrangler dev\` with \`WORKERS_PLAN=paid\`; the cron is fired through \`/cdn-cgi/handler/scheduled?time=\`. **cron** path: wrangler.toml as shipped (no queue); the cron's 5,000-email cap per run means several runs, which the bench fires back to back at scheduledTime + 15 min each, so the time given is (runs − 1) × 900 s on the real schedule plus the last run's measured fire-to-last-email time (the back-to-back wall time is beside it). **queues** path: the same wrangler.toml with its commented Queues block switched on (SEND_QUEUE producer, consumer in the same Worker with \`max_concurrency = 1\`, \`max_batch_size = 10\`, dead-letter queue), simulated locally by Miniflare; one cron fire, then the consumer drains the queue, and the time is measured from the fire to the last accepted email. After that the cron is fired again (a quarter hour later, and past the claims' hour on the Queues path): nothing more may go out. Lost: due addresses never accepted; doubled: addresses accepted more than once.\n`,
    )
    parts.push(
      table(
        [
          'path',
          'due (N)',
          'ceiling s (N/500)',
          'seconds, first fire → last accepted',
          'fraction of ceiling',
          'how timed',
          'measured wall s',
          'accepted',
          'lost',
          'doubled',
          'Resend requests',
          '429s',
          'cron runs (each: sent or enqueued, time, stop)',
          'consumer invocations / messages',
          'sent by consumer / by cron',
          'load avg at start',
        ],
        burst.map((r) => [
          r.path,
          r.due,
          f1(r.ceilingS),
          f1(r.seconds),
          f2(r.fraction),
          r.timing,
          f1(r.measuredS),
          r.accepted,
          r.lost,
          r.doubled,
          r.requests,
          r.got429,
          r.perRun,
          r.path === 'queues' ? `${r.consumerRuns} / ${r.consumerMessages}` : '–',
          `${r.sentByConsumer} / ${r.sentByCron}`,
          r.load,
        ]),
      ),
    )
  }

  if (http?.results.length) {
    parts.push('\n## HTTP (autocannon against `wrangler dev`, local workerd)\n')
    parts.push(
      `${HTTP_ROUNDS} rounds; in each, the baseline and SIMKeep back to back per route (their order swapped every round), ${HTTP_SECONDS} s each, ${HTTP_CONNECTIONS} connections, after a 2 s warm-up; the figure is the median of the rounds' ratios. POST /subscribe sends the form as a browser would (hidden fields and cookie read from the form once, Origin and Sec-Fetch-Site same-origin), a distinct email and a distinct CF-Connecting-IP per request. Baseline: a bare Hono Worker (bench/baseline-hello) under \`wrangler dev\` at the same time, answering a static page and an echo of the parsed form. Errors count connection errors, timeouts and any status other than 2xx/3xx/429; 429 (our sign-up limiter) is counted apart. SIMKeep sends each confirmation email to a fake Resend with no rate limit.\n`,
    )
    const find = (t: string, r: string, round: number) =>
      http.results.find((x) => x.target === t && x.route === r && x.round === round)
    const ratio = (r: RoundResult) => {
      const b = find('baseline', r.route, r.round)
      return b ? r.rps / b.rps : Number.NaN
    }
    const summary = [...new Set(http.results.map((r) => r.route))].map((route) => {
      const ratios = http.results
        .filter((r) => r.route === route && r.target === 'SIMKeep')
        .map(ratio)
        .sort((a, b) => a - b)
      return [
        route,
        ratios.length,
        f2(median(ratios)),
        `${f2(ratios[0] ?? Number.NaN)}–${f2(ratios.at(-1) ?? Number.NaN)}`,
      ]
    })
    parts.push(table(['route', 'rounds', 'median ratio SIMKeep / baseline', 'range'], summary))
    parts.push('')
    const rows = http.results.map((r) => {
      return [
        r.round,
        r.target,
        r.route,
        r.requests,
        f1(r.rps),
        r.target === 'baseline' ? '–' : f2(ratio(r)),
        r.p50,
        r.p99,
        r.errors,
        r.tooMany,
        JSON.stringify(r.statuses),
      ]
    })
    parts.push(
      table(
        [
          'round',
          'target',
          'route',
          'requests',
          'req/s',
          'ratio to the round’s baseline',
          'p50 ms',
          'p99 ms',
          'errors',
          '429',
          'statuses',
        ],
        rows,
      ),
    )
    parts.push(
      `\nAfter the SIMKeep POST runs (${HTTP_ROUNDS} × (2 s warm-up + ${HTTP_SECONDS} s)): ${http.stored ?? '?'} pending subscriptions stored in D1, ${http.confirmations} confirmation emails accepted by the fake Resend${http.stored !== null && http.confirmations < http.stored ? ' (the rest still in the outbox or in flight when the server stopped)' : ''}.\n`,
    )
  }

  if (bundle?.length) {
    parts.push('\n## Bundle (`wrangler deploy --dry-run --outdir`)\n')
    const ref = bundle.find((b) => b.name === 'bare Hono + resend')
    parts.push(
      table(
        ['Worker', 'total KiB', 'gzip KiB', 'gzip vs Hono + resend'],
        bundle.map((b) => [
          b.name,
          f1(b.totalKiB),
          f1(b.gzipKiB),
          ref
            ? `${b.gzipKiB >= ref.gzipKiB ? '+' : ''}${f1(b.gzipKiB - ref.gzipKiB)} KiB (×${f2(b.gzipKiB / ref.gzipKiB)})`
            : '–',
        ]),
      ),
    )
  }

  const vt = (title: string, what: string, r: VitestResult | null) => {
    if (!r) return
    parts.push(`\n## ${title}\n`)
    parts.push(`${what}\n`)
    parts.push(`Result: **${r.ok ? 'passed' : 'FAILED'}** in ${f1(r.ms / 1000)} s.\n`)
    for (const res of r.results) {
      parts.push(
        table(Object.keys(res), [
          Object.values(res).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))),
        ]),
      )
      parts.push('')
    }
    if (!r.ok || !r.results.length) parts.push(`\n\`\`\`\n${r.tail.slice(-1500)}\n\`\`\`\n`)
  }
  vt(
    'Fault tolerance at scale',
    `test/integration/fault-tolerance.test.ts with ${FT_SUBSCRIBERS} subscribers over ${FT_DAYS} simulated days (the normal suite runs it small, on the Free plan's caps; here \`WORKERS_PLAN=paid\`, as a deployment of this size would be). The fake Resend at the network edge answers 20% of requests 500, 10% 429 with retry-after, and lets 5% hang past the client timeout (each one, with probability ½, after accepting the batch, so that only the Idempotency-Key prevents a double); the cron fires twice at once at each instant; one run per day is aborted at a random D1 call. Every email is counted per recipient and subject at the fake and compared with a fault-free reference run of the same seed on the same path. The Queues path's run (\`path: queues\`) gives every run SEND_QUEUE, a simulated queue that delivers to the Worker's own \`queue\` handler in batches of 10 (at least once, \`retry({ delaySeconds })\` honoured, dead-letter after 10 retries), and adds: 15% of consumer invocations killed at a random D1 call mid-batch (the whole batch redelivered, acks included), 10% of acked messages delivered again, 5% of batches delivered to two consumers at once, 2% of batches dead-lettered whatever they did; Resend answers 429 storms (2–6 requests in a row, retry-after 1 s or 200 s), 10% 500s and 5% lost answers after accepting.${FT_ONLY ? ` This run: only the tests matching \`${FT_ONLY}\`.` : ''}`,
    ft,
  )
  vt(
    'Input fuzz at scale',
    `test/integration/fuzz.test.ts with ${FUZZ_RUNS} fast-check cases per property over POST /subscribe and every token route (the normal suite runs it with fewer). Checked: no 5xx, every stored row satisfies the contract's field rules, and no table (rate-limit counters aside) changes after a request with a bad token.`,
    fuzz,
  )
  vt(
    'Storage over a simulated year',
    `test/bench/storage-year.test.ts: ${STORAGE_SUBSCRIBERS} confirmed subscriptions (one auto-renewing card each, cycles of 30–365 days, reminders 14 and 3 days ahead, 30% with monthly balance checks, five timezones), the cron run once a day on the Paid plan for ${STORAGE_DAYS} days against the fake Resend. Measured at mid-year and at the end: the D1 file size (\`meta.size_after\`, free pages included) per subscription, the rows kept in deliveries and outbox, and the bytes of email bodies still stored. Ceiling: 4 KB per subscription, and no growth from mid-year to the end.`,
    storage,
  )
  const months = (storage?.results ?? []) as Array<{ day?: number; bytes_per_subscriber?: number }>
  const [mid, end] = [months[0], months[months.length - 1]]
  if (mid?.bytes_per_subscriber && end?.bytes_per_subscriber && mid !== end) {
    const growth = end.bytes_per_subscriber / mid.bytes_per_subscriber - 1
    parts.push(
      `**Bytes per subscription, month 6 (day ${mid.day}) → month 12 (day ${end.day}): ${mid.bytes_per_subscriber} → ${end.bytes_per_subscriber} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%).** Target flat: ${Math.abs(growth) <= 0.1 ? 'met' : 'not met'}; target ≤ 4 KB (4,096 B) per subscription: ${end.bytes_per_subscriber <= 4096 ? 'met' : 'not met'}.\n`,
    )
  }

  if (cpu) {
    parts.push('\n## CPU per due reminder\n')
    parts.push(
      `Measured in Node ${process.version}'s V8 (the engine workerd embeds) on the app's own code bundled by esbuild, ${cpu.emails} reminders, warm JIT: \`planCard\` for one due card, and \`composeReminder\` (four HMAC-signed links, html + text in the subscriber's language). Baseline: one JSON round trip of the finished email, the least any sender does. wrangler dev cannot report a Worker's CPU time, and the workerd process CPU in the scheduler table also counts the local SQLite that D1 runs elsewhere, so it is only an upper bound.\n`,
    )
    parts.push(
      table(
        ['plan µs/due', 'compose µs/due', 'total µs/due', 'baseline µs (JSON round trip)', 'html bytes/email'],
        [[f1(cpu.planUs), f1(cpu.composeUs), f1(cpu.planUs + cpu.composeUs), f1(cpu.baselineUs), cpu.htmlBytes]],
      ),
    )
  }
  parts.push(planFit(cpu, ft, sched))

  const notes = join(ROOT, 'bench/notes.md')
  if (existsSync(notes)) parts.push(`\n${readFileSync(notes, 'utf8')}`)
  return `${parts.join('\n')}\n`
}

/** How many due reminders fit in one run on each plan: the cron's own caps (PLAN_LIMITS) against the measured costs. */
function planFit(cpu: CpuFigures | null, ft: VitestResult | null, sched: SchedulerResult[] | null): string {
  const ftr = ft?.results[0] as
    | { busiest_run?: { due: number; sent: number; d1_calls: number }; d1_calls_idle_run?: number }
    | undefined
  // Prefer the largest Paid-plan scheduler run (about 1,000 due), else the fault-tolerance run's busiest.
  const big = [...(sched ?? [])].filter((r) => r.plan === 'paid').sort((a, b) => b.due - a.due)[0]
  const ftIdle = ftr?.d1_calls_idle_run ?? 4
  let per100 = 7
  let idleCalls = ftIdle
  let source = 'assumed'
  if (big && big.d1CallsTotal > 0 && big.due > 0) {
    idleCalls = big.idleD1Calls || ftIdle
    per100 = Math.max(1, ((big.d1CallsTotal - big.runs * idleCalls) / big.due) * 100)
    source = `the ${big.subscribers}-subscription Paid-plan scheduler run: ${big.due} due over ${big.runs} runs, ${big.d1CallsTotal} D1 calls, ${idleCalls} in an idle run`
  } else if (ftr?.busiest_run && ftr.busiest_run.due > 0) {
    const busy = ftr.busiest_run
    per100 = Math.max(1, ((busy.d1_calls - ftIdle) / Math.max(busy.due, 100)) * 100)
    source = `the fault-tolerance run's busiest run: ${busy.due} due, ${busy.d1_calls} D1 calls`
  }
  const cpuUs = cpu ? cpu.planUs + cpu.composeUs : Number.NaN
  const byCpu = (ms: number) => Math.floor((ms * 1000) / cpuUs)
  const byD1 = (n: number) => Math.max(0, Math.floor(((n - idleCalls) / per100) * 100))
  const free = PLAN_LIMITS.free
  const paid = PLAN_LIMITS.paid
  // Resend's default rate (2 requests/s) within the run's wall budget, 100 emails per request.
  const byResend = (l: typeof free) => Math.min(l.maxSubrequests, Math.floor((l.budgetMs / 1000) * 2)) * 100
  const rows = [
    [
      'Resend requests (≤100 emails each)',
      `50 subrequests; the cron stops at ${free.maxSubrequests}`,
      `${Math.min(free.maxSubrequests * 100, byResend(free))}`,
      `10,000 subrequests; the cron stops at ${paid.maxSubrequests}`,
      `${paid.maxSubrequests * 100} (${byResend(paid)} at 2 req/s within the ${paid.budgetMs / 1000} s budget)`,
    ],
    [
      'D1 queries',
      `50 per invocation; the cron stops at ${free.maxD1Calls}`,
      `~${byD1(free.maxD1Calls)}`,
      `1,000 per invocation; the cron stops at ${paid.maxD1Calls}`,
      `~${byD1(paid.maxD1Calls)}`,
    ],
    ['CPU time', '10 ms', `~${byCpu(10)}`, '30 s default (up to 5 min)', `~${byCpu(30_000)}`],
    [
      "the cron's email cap (WORKERS_PLAN)",
      `${free.maxEmails} emails per run`,
      `${free.maxEmails}`,
      `${paid.maxEmails} emails per run`,
      `${paid.maxEmails}`,
    ],
  ]
  const freeFit = Math.min(free.maxEmails, free.maxSubrequests * 100, byD1(free.maxD1Calls), byCpu(10))
  const paidFit = Math.min(paid.maxEmails, byResend(paid), byD1(paid.maxD1Calls), byCpu(30_000))
  const bound = (fit: number, l: typeof free, cpuMs: number) =>
    fit === l.maxEmails
      ? `the cron's ${l.maxEmails}-email cap`
      : fit === byCpu(cpuMs)
        ? `CPU time at the cost measured here (the cron's email cap is ${l.maxEmails})`
        : fit === byD1(l.maxD1Calls)
          ? `the cron's own ${l.maxD1Calls}-D1-call cap (estimated from this run's D1 calls per due)`
          : `Resend's default 2 requests/s within the run's ${l.budgetMs / 1000} s budget`
  return [
    '\n## How many due reminders fit in one run\n',
    `Limits from Cloudflare's Workers and D1 limits pages (November 2026): Free 50 subrequests, 10 ms CPU, 50 D1 queries per invocation; Paid 10,000 subrequests, 30 s CPU by default (configurable to 5 min), 1,000 D1 queries. The cron's own caps come from \`WORKERS_PLAN\` (\`PLAN_LIMITS\` in src/cron/limits.ts). Per-due costs measured here: CPU ${f1(cpuUs)} µs to plan and render one email (section above); D1 calls ≈ ${f1(per100)} per 100 due plus ${idleCalls} per run (${source}). One email per address; addresses with two cards due get one email.\n`,
    table(['limit', 'Free plan', 'due per run (Free)', 'Paid plan', 'due per run (Paid)'], rows),
    `\n**Free plan: about ${freeFit} emails per run**, bounded by ${bound(freeFit, free, 10)}. A Worker cannot read its own CPU time, so the email cap (a count) is what keeps a run near the 10 ms limit; with the cron every 15 minutes that is ~${freeFit * 96} a day, and what does not fit stays queued for the next run. **Paid plan: about ${paidFit} per run**, bounded by ${bound(paidFit, paid, 30_000)}, far below the platform limits.\n`,
  ].join('\n')
}

async function main() {
  const m = machineInfo()
  log(`SIMKeep bench · ${m.date} · ${m.nproc} cores ${m.cpu} · ${m.memory} · node ${m.node} · wrangler ${m.wrangler}`)
  const bundle = await section('bundle', async () => {
    const b = runBundle()
    for (const x of b) log(`   ${x.name.padEnd(20)} ${f1(x.totalKiB)} KiB, gzip ${f1(x.gzipKiB)} KiB`)
    return b
  })
  const http = await section('http', runHttp)
  const sched = await section('scheduler', runSchedulerAll)
  const burst = await section('burst', runBurstAll)
  const cpu = await section('cpu', async () => {
    const c = await runCpu()
    log(`   plan ${f1(c.planUs)} µs/due, compose ${f1(c.composeUs)} µs/due, baseline ${f1(c.baselineUs)} µs`)
    return c
  })
  const ft = await section('fault', async () => {
    const r = await runVitest(
      'test/integration/fault-tolerance.test.ts',
      { BENCH_FT_SUBSCRIBERS: FT_SUBSCRIBERS, BENCH_FT_DAYS: FT_DAYS },
      FT_ONLY,
    )
    for (const x of r.results) log(`   ${JSON.stringify(x)}`)
    if (!r.ok) failures.push('fault: the fault-tolerance run failed (see its section)')
    return r
  })
  const fuzz = await section('fuzz', async () => {
    const r = await runVitest('test/integration/fuzz.test.ts', { BENCH_FUZZ_RUNS: FUZZ_RUNS })
    for (const x of r.results) log(`   ${JSON.stringify(x)}`)
    if (!r.ok) failures.push('fuzz: the fuzz run failed (see its section)')
    return r
  })
  const storage = await section('storage', async () => {
    const r = await runVitest('test/bench/storage-year.test.ts', {
      BENCH_STORAGE_SUBSCRIBERS: STORAGE_SUBSCRIBERS,
      BENCH_STORAGE_DAYS: STORAGE_DAYS,
    })
    for (const x of r.results) log(`   ${JSON.stringify(x)}`)
    if (!r.ok) failures.push('storage: the storage run failed (see its section)')
    return r
  })
  const doc = render(m, bundle, http, sched, ft, fuzz, cpu, storage, burst)
  writeFileSync(OUT, doc)
  log(`\nwrote ${OUT}`)
  if (failures.length) {
    log(`\n${failures.length} section(s) failed:\n${failures.join('\n')}`)
    process.exitCode = 1
  }
}

try {
  await main()
} finally {
  killAll()
}
