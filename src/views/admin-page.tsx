// The operator's page (/admin, English only): subscribers, cards, mail per day as a small inline SVG
// chart, bounce and complaint rates against the 0.3% line, the backlog and the last cron runs.
import type { AdminStats, MailDay } from '../db/admin-stats'
import { DataTable, PlainPage } from './plain-page'

/** Gmail and Yahoo throttle or reject bulk senders whose spam complaint rate stays above 0.3%. */
export const COMPLAINT_LINE = 0.003

export interface AdminPageProps {
  stats: AdminStats
  /** the 30 UTC days shown, oldest first */
  days: string[]
  now: number
  /** the verified Access identity, shown so the operator sees who they are signed in as */
  who: string | null
}

const fmt = new Intl.NumberFormat('en')
const pct = (x: number) => `${(x * 100).toFixed(2)}%`
const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16)

export function AdminPage({ stats, days, now, who }: AdminPageProps) {
  const byDay = new Map(stats.days.map((d) => [d.day, d]))
  const series = days.map((day) => byDay.get(day) ?? { day, sent: 0, failed: 0, bounced: 0, complained: 0 })
  const total = series.reduce(
    (t, d) => ({
      sent: t.sent + d.sent,
      failed: t.failed + d.failed,
      bounced: t.bounced + d.bounced,
      complained: t.complained + d.complained,
    }),
    { sent: 0, failed: 0, bounced: 0, complained: 0 },
  )
  const s = stats.subscribers
  return (
    <PlainPage
      title="Operator · SIMKeep"
      head={
        <>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/assets/site.css" />
          <link rel="stylesheet" href="/admin/admin.css" />
        </>
      }
    >
      <div class="wrap admin">
        <main id="main">
          <h1>SIMKeep operator page</h1>
          <p class="meta">
            {time(now)} UTC{who ? ` · signed in as ${who}` : ''}
          </p>

          <h2>Subscribers</h2>
          <dl class="figures">
            <Figure label="Confirmed" value={s.active} />
            <Figure label="Waiting for confirmation" value={s.pending} />
            <Figure label="Unsubscribed" value={s.unsubscribed} />
            <Figure label="Mail stopped (bounce, complaint, suppression)" value={s.suppressed} />
            <Figure label="Active cards" value={stats.activeCards} />
          </dl>

          <h2>Emails per day, last 30 days (UTC)</h2>
          <MailChart series={series} />
          <p class="meta">
            {fmt.format(total.sent)} sent, {fmt.format(total.failed)} failed in 30 days.
          </p>

          <h2>Bounces and complaints, last 30 days</h2>
          <RateBar label="Bounce rate" count={total.bounced} sent={total.sent} />
          <RateBar label="Complaint rate" count={total.complained} sent={total.sent} />
          <p class="meta">
            The line marks 0.3%: above it Gmail and Yahoo throttle or refuse a sender. Rates are permanent bounces and
            complaints reported by Resend's webhook, over emails Resend accepted.
          </p>

          <h2>Backlog</h2>
          <dl class="figures">
            <Figure label="Reminders planned, not yet in an email" value={stats.backlog.queuedDeliveries} />
            <Figure label="Emails waiting to be sent" value={stats.backlog.pendingEmails} />
          </dl>

          <h2>Last cron runs</h2>
          <CronRuns runs={stats.runs} />
        </main>
      </div>
    </PlainPage>
  )
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{fmt.format(value)}</dd>
    </div>
  )
}

const W = 600
const H = 150

/** Stacked bars, sent below failed, one per day; the table beside it carries the same numbers. */
function MailChart({ series }: { series: MailDay[] }) {
  const max = Math.max(1, ...series.map((d) => d.sent + d.failed))
  const step = W / series.length
  const bar = Math.max(1, step - 2)
  const y = (n: number) => ((H - 2) * n) / max
  const first = series[0]?.day ?? ''
  const last = series.at(-1)?.day ?? ''
  return (
    <>
      <figure class="chart">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
          <title id="chart-title">Emails sent and failed per day</title>
          <desc id="chart-desc">
            {`From ${first} to ${last}: at most ${fmt.format(max)} in a day. Green: sent; red: failed. The table below lists every day.`}
          </desc>
          <line x1="0" y1={H - 1} x2={W} y2={H - 1} stroke="#56636d" stroke-width="1" />
          <line x1="0" y1="1" x2={W} y2="1" stroke="#d5dde3" stroke-width="1" />
          {series.map((d, i) => {
            const x = i * step + 1
            const sent = y(d.sent)
            const failed = y(d.failed)
            return (
              <g>
                <rect x={x} y={H - 1 - sent} width={bar} height={sent} fill="#0b6e4f" />
                <rect x={x} y={H - 1 - sent - failed} width={bar} height={failed} fill="#b3261e" />
              </g>
            )
          })}
        </svg>
        <figcaption class="meta">
          {`${first} to ${last}; the top line is ${fmt.format(max)} emails a day. Green: sent; red: failed.`}
        </figcaption>
      </figure>
      <details>
        <summary>Every day as a table</summary>
        <DataTable columns={['Day', 'Sent', 'Failed', 'Bounced', 'Complaints']}>
          {series.map((d) => (
            <tr>
              <th scope="row">{d.day}</th>
              <td>{fmt.format(d.sent)}</td>
              <td>{fmt.format(d.failed)}</td>
              <td>{fmt.format(d.bounced)}</td>
              <td>{fmt.format(d.complained)}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </>
  )
}

/** A rate as a bar on a scale up to twice the line (or the rate, if higher), with the 0.3% line drawn. */
function RateBar({ label, count, sent }: { label: string; count: number; sent: number }) {
  const rate = sent > 0 ? count / sent : 0
  const scale = Math.max(COMPLAINT_LINE * 2, rate)
  const x = (r: number) => (300 * r) / scale
  const over = rate > COMPLAINT_LINE
  const text = sent > 0 ? `${pct(rate)} (${fmt.format(count)} of ${fmt.format(sent)})` : 'no emails sent'
  return (
    <div class="rate">
      <p>
        <strong>{label}:</strong> {text}
        {over ? <strong class="over"> above 0.3%</strong> : null}
      </p>
      <svg viewBox="0 0 300 20" width="300" height="20" role="img" aria-label={`${label} ${text}; the line is 0.3%`}>
        <rect x="0" y="4" width="300" height="12" fill="#e8eef2" />
        <rect x="0" y="4" width={x(rate)} height="12" fill={over ? '#b3261e' : '#0b6e4f'} />
        <line x1={x(COMPLAINT_LINE)} y1="0" x2={x(COMPLAINT_LINE)} y2="20" stroke="#1d2a33" stroke-width="2" />
      </svg>
    </div>
  )
}

function CronRuns({ runs }: { runs: AdminStats['runs'] }) {
  if (runs.length === 0) return <p>No cron run recorded yet.</p>
  return (
    <section class="scroll" tabindex={0} aria-label="Last cron runs, scrolls sideways">
      <DataTable columns={['Ended (UTC)', 'Sent', 'Failed', 'Due', 'D1 calls', 'ms', 'Stopped by']}>
        {runs.map((r) => (
          <tr>
            <th scope="row">{time(r.finishedAt)}</th>
            <td>{fmt.format(r.sent)}</td>
            <td>{fmt.format(r.failed)}</td>
            <td>{fmt.format(r.due)}</td>
            <td>{fmt.format(r.d1Calls)}</td>
            <td>{fmt.format(r.ms)}</td>
            <td>{r.stopped ?? 'finished'}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
