// The dev mailbox viewer (/dev/mailbox): lists mail stored while RESEND_API_KEY is unset.
// It exists only then, and only for loopback hosts; everything shown is escaped, and stored email
// html is served on its own route under a sandboxing CSP, framed by the message page.
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { AppEnv, Ctx } from '../env'
import { isLoopbackHost } from '../lib/loopback'
import { DataTable, PlainPage } from '../views/plain-page'

// ---- pages (a developer tool: English only, no scripts) ----
interface DevMailboxRow {
  id: number
  idempotency_key: string
  position: number
  to_email: string
  from_email: string
  subject: string
  html: string
  text: string
  headers: string
  created_at: number
}

const css = `
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans CJK TC','Noto Sans CJK SC',sans-serif;color:#1d2a36;background:#f4f6f8}
main{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:8px 0 16px}h2{font-size:16px;margin:24px 0 8px}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #d5dde4;vertical-align:top}
th{font-size:13px;color:#4a5a69}
tbody th{width:9em}
td,li{overflow-wrap:anywhere}
a{color:#0a5ca8}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #d5dde4;padding:12px;font:14px/1.5 ui-monospace,Menlo,Consolas,'Noto Sans Mono CJK TC',monospace}
iframe{width:100%;height:900px;border:1px solid #d5dde4;background:#fff}
.muted{color:#4a5a69}
@media (prefers-color-scheme: dark){body{background:#14181d;color:#e6e9ee}table,pre{background:#1b2027;color:#e6e9ee}th,.muted{color:#aab4bf}a{color:#8cc4ff}}
`

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19)

function Page({ title, children }: { title: string; children: Child }) {
  return (
    <PlainPage
      title={title}
      head={
        <>
          <meta name="color-scheme" content="light dark" />
          <style>{raw(css)}</style>
        </>
      }
    >
      <main>{children}</main>
    </PlainPage>
  )
}

function DevMailboxList({ rows }: { rows: Array<Pick<DevMailboxRow, 'id' | 'to_email' | 'subject' | 'created_at'>> }) {
  return (
    <Page title="Dev mailbox · SIMKeep">
      <h1>Dev mailbox</h1>
      <p class="muted">
        Mail that SIMKeep would have sent. It is stored here because RESEND_API_KEY is not set. Newest first.
      </p>
      {rows.length === 0 ? (
        <p>No mail yet. Subscribe on the form, or fire the cron, and reload this page.</p>
      ) : (
        <DataTable columns={['Time (UTC)', 'To', 'Subject']}>
          {rows.map((r) => (
            <tr>
              <td>{time(r.created_at)}</td>
              <td>{r.to_email}</td>
              <td>
                <a href={`/dev/mailbox/${r.id}`}>{r.subject || '(no subject)'}</a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Page>
  )
}

function parseHeaders(json: string): Array<[string, string]> {
  try {
    const value: unknown = JSON.parse(json)
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, String(v)])
  } catch {
    // stored by our own transport, so this only guards against hand-edited rows
  }
  return []
}

/** The http(s) links written out in the text part, so a developer can follow them directly. */
function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])]
}

function DevMailboxMessage({ row }: { row: DevMailboxRow }) {
  const headers: Array<[string, string]> = [
    ['From', row.from_email],
    ['To', row.to_email],
    ['Subject', row.subject],
    ['Date', `${time(row.created_at)} UTC`],
    ...parseHeaders(row.headers),
    ['Idempotency-Key', `${row.idempotency_key} (#${row.position})`],
  ]
  return (
    <Page title={`${row.subject} · Dev mailbox`}>
      <p>
        <a href="/dev/mailbox">← All mail</a>
      </p>
      <h1>{row.subject}</h1>
      <table>
        <tbody>
          {headers.map(([name, value]) => (
            <tr>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Links</h2>
      <ul>
        {linksIn(row.text).map((href) => (
          <li>
            <a href={href} rel="noreferrer">
              {href}
            </a>
          </li>
        ))}
      </ul>
      <h2>HTML</h2>
      <iframe
        src={`/dev/mailbox/${row.id}/html`}
        title={`HTML part: ${row.subject}`}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerpolicy="no-referrer"
      />
      <h2>Text</h2>
      <pre>{row.text}</pre>
    </Page>
  )
}

// ---- routes ----

function isLoopback(c: Ctx): boolean {
  const header = c.req.header('host')
  // Both the Host header (when sent) and the URL must name this machine.
  if (header !== undefined && !isLoopbackHost(header)) return false
  return isLoopbackHost(new URL(c.req.url).host)
}

// The viewer page's own policy: no scripts at all, inline styles, frames only from itself.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
// Stored email html: a unique-origin sandbox with no scripts, framable only by the viewer.
const RAW_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

export const devMailboxRoutes = new Hono<AppEnv>()

devMailboxRoutes.use(async (c, next) => {
  if ((c.env.RESEND_API_KEY ?? '').trim() || !isLoopback(c)) return c.notFound()
  c.header('Cache-Control', 'no-store')
  c.header('X-Robots-Tag', 'noindex')
  await next()
})

devMailboxRoutes.get('/', async (c) => {
  const { results } = await c.env.DB.prepare(
    'SELECT id, to_email, subject, created_at FROM dev_mailbox ORDER BY created_at DESC, id DESC LIMIT 200',
  ).all<Pick<DevMailboxRow, 'id' | 'to_email' | 'subject' | 'created_at'>>()
  c.header('Content-Security-Policy', PAGE_CSP)
  return c.html(<DevMailboxList rows={results} />)
})

async function findMail(c: Ctx): Promise<DevMailboxRow | null> {
  const id = c.req.param('id') ?? ''
  if (!/^\d{1,15}$/.test(id)) return null
  return c.env.DB.prepare('SELECT * FROM dev_mailbox WHERE id = ?').bind(Number(id)).first<DevMailboxRow>()
}

devMailboxRoutes.get('/:id', async (c) => {
  const row = await findMail(c)
  if (!row) return c.notFound()
  c.header('Content-Security-Policy', PAGE_CSP)
  return c.html(<DevMailboxMessage row={row} />)
})

devMailboxRoutes.get('/:id/html', async (c) => {
  const row = await findMail(c)
  if (!row) return c.notFound()
  c.header('Content-Security-Policy', RAW_CSP)
  c.header('X-Frame-Options', 'SAMEORIGIN')
  // Links open in a new tab: the app's own pages refuse to be framed.
  const html = row.html.replace(/<head(\s[^>]*)?>/i, (m: string) => `${m}<base target="_blank">`)
  return c.html(html)
})
