// CPU per due reminder (median of 5 passes), measured in Node's V8 (the engine workerd runs): planning a card and
// composing its email (signed links, html + text), bundled from src/ with esbuild.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { ROOT } from './lib.ts'

export interface CpuFigures {
  /** µs of CPU to plan one due card (planCard) */
  planUs: number
  /** µs of CPU to compose one reminder email (4 signed links, html + text) */
  composeUs: number
  /** µs for a baseline: JSON.stringify + parse of the same email (the least any send must do) */
  baselineUs: number
  htmlBytes: number
  emails: number
}

const ENTRY = `
export { planCard } from './src/domain/schedule'
export { composeReminder } from './src/cron/compose'
export { parseConfig } from './src/config'
`

function cpuUs(fn: () => void): number {
  const a = process.cpuUsage()
  fn()
  const d = process.cpuUsage(a)
  return d.user + d.system
}

async function cpuUsAsync(fn: () => Promise<void>): Promise<number> {
  const a = process.cpuUsage()
  await fn()
  const d = process.cpuUsage(a)
  return d.user + d.system
}

export async function runCpu(n = 500): Promise<CpuFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'simkeep-bench-cpu-'))
  try {
    const out = join(dir, 'app.mjs')
    await build({
      stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: out,
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'error',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'import'],
    })
    const m = await import(pathToFileURL(out).href)
    const config = m.parseConfig({
      PUBLIC_URL: 'https://simkeep.example',
      MAIL_FROM: 'SIMKeep <remind@mail.simkeep.example>',
      OPERATOR_NAME: 'SIMKeep bench',
      OPERATOR_EMAIL: 'operator@simkeep.example',
      SEND_HOUR: '9',
      RESEND_API_KEY: 're_bench',
      RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      SIGNING_SECRET: 'bench-signing-secret-0123456789abcdef0123456789',
    })
    const now = Date.UTC(2026, 11, 15, 1, 0)
    const cards = Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      label: `CMHK 中港卡 ${i}`,
      carrier: 'cmhk',
      expiresOn: '2026-12-22',
      cycleDays: 30,
      leadDays: [14, 7, 1],
      autoRenew: i % 3 === 0,
      balanceCheck: i % 2 ? 'monthly' : 'none',
      activeFrom: now - 30 * 86_400_000,
      handledBefore: now - 60_000,
    }))
    const locales = ['zh-Hant', 'zh-Hans', 'en']
    const items = cards.map((card, i) => ({
      subscriber: { id: `s${i}`, email: `bench-${i}@example.com`, locale: locales[i % 3], timezone: 'Asia/Hong_Kong' },
      list: [
        {
          card: { ...card, subscriberId: `s${i}`, status: 'active', nextDueAt: now, createdAt: 0, updatedAt: 0 },
          delivery: {
            id: `d${i}`,
            occurrenceKey: `r:c${i}:2026-12-22:7`,
            subscriberId: `s${i}`,
            cardId: `c${i}`,
            kind: 'reminder',
            expiresOn: '2026-12-22',
            leadDay: 7,
            dueAt: now,
            status: 'queued',
          },
        },
      ],
    }))
    // Warm up the JIT and the HMAC key cache, as a warm isolate would be.
    for (let i = 0; i < 50; i++) {
      m.planCard(cards[i % n], 'Asia/Hong_Kong', 9, now)
      await m.composeReminder(config, items[i % n]?.subscriber, items[i % n]?.list, now)
    }
    // Median of five passes: the machine is shared, a single pass can catch a busy moment.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    const plans: number[] = []
    const composes: number[] = []
    const emails: Array<{ html: string }> = []
    for (let pass = 0; pass < 5; pass++) {
      plans.push(
        cpuUs(() => {
          for (const c of cards) m.planCard(c, 'Asia/Hong_Kong', 9, now)
        }),
      )
      emails.length = 0
      composes.push(
        await cpuUsAsync(async () => {
          for (const it of items) emails.push(await m.composeReminder(config, it.subscriber, it.list, now))
        }),
      )
    }
    const planUs = median(plans)
    const composeUs = median(composes)
    const baselineUs = cpuUs(() => {
      for (const e of emails) JSON.parse(JSON.stringify(e))
    })
    return {
      planUs: planUs / n,
      composeUs: composeUs / n,
      baselineUs: baselineUs / n,
      htmlBytes: Math.round(emails.reduce((a, e) => a + e.html.length, 0) / n),
      emails: n,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.main) console.log(await runCpu())
