// Browser-like requests to the Worker for page tests: same-origin form posts, one IP per client,
// the links a confirmation email carried, and a snapshot of every table for "nothing changed".
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { type StoredMessage, unpackMessage } from '../../src/db/outbox'
import { signToken, type TokenPurpose } from '../../src/domain/tokens'
import { addDays, localDate } from '../../src/domain/zoned-time'
import worker from '../../src/index'
import { expiryNonce } from '../../src/links'
import { installedFake } from './fake-network'

export const ORIGIN = 'https://simkeep.test'

let ipSeq = 0
/** A fresh client address, so rate limits of one test never touch another. */
export function newIp(): string {
  ipSeq++
  return `198.51.${Math.floor(ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`
}

export type Fields = Record<string, string | string[]>

export function encode(fields: Fields): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
  return p.toString()
}

// Each request's execution context, so settleSends can wait for what it left running (waitUntil).
const contexts: ExecutionContext[] = []

/** One request through the Worker's fetch handler, as the runtime would call it. */
function send(request: Request): Promise<Response> {
  const ctx = createExecutionContext()
  contexts.push(ctx)
  return Promise.resolve(worker.fetch(request, env, ctx))
}

/** A GET as a browser makes it: redirects are followed (up to 5). */
export async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  let url = `${ORIGIN}${path}`
  for (let hops = 0; ; hops++) {
    const res = await send(new Request(url, { headers }))
    const location = res.headers.get('location')
    if (hops === 5 || location === null || res.status < 300 || res.status > 399) return res
    url = new URL(location, url).href
  }
}

/**
 * A form post as a browser on our own page sends it. Resolves once the work the Worker does after
 * its answer (waitUntil: storing and sending emails) is done too, so tests see its effects.
 */
export async function post(
  path: string,
  fields: Fields | string = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const ctx = createExecutionContext()
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'sec-fetch-site': 'same-origin',
        'cf-connecting-ip': newIp(),
        ...headers,
      },
      body: typeof fields === 'string' ? fields : encode(fields),
    }),
    env,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}

/** Today in Hong Kong plus `days`. */
export function hkDate(days: number): string {
  return addDays(localDate(Date.now(), 'Asia/Hong_Kong'), days)
}

export function validFields(overrides: Fields = {}): Fields {
  return {
    form_lang: 'en',
    email: `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.com`,
    expires_on: hkDate(40),
    label: 'Travel SIM',
    carrier: 'cmhk',
    cycle_days: '180',
    lead_days: ['14', '7', '1'],
    balance_check: 'monthly',
    locale: 'en',
    timezone: 'Asia/Hong_Kong',
    website: '',
    ...overrides,
  }
}

export function token(purpose: TokenPurpose, subject: string, now = Date.now(), nonce?: string): Promise<string> {
  return signToken(env.SIGNING_SECRET ?? '', purpose, subject, now, nonce)
}

/** An "I've renewed" token bound to the expiry its email was about, as reminders carry it. */
export function renewedToken(card: { id: string; expiresOn: string }, now = Date.now()): Promise<string> {
  return token('renewed', card.id, now, expiryNonce(card.expiresOn))
}

export interface StoredMail {
  to_email: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
}

/**
 * Emails stored for an address, oldest first: the body from the outbox while it waits, or, once sent
 * (the outbox keeps no body then), as the fake Resend received it.
 */
export async function mailsTo(email: string): Promise<StoredMail[]> {
  const { results } = await env.DB.prepare(
    `SELECT to_email, coalesce(b.message, o.message) AS message, provider_id
     FROM outbox o LEFT JOIN outbox_bodies b ON b.outbox_id = o.id WHERE to_email = ?1 ORDER BY created_at`,
  )
    .bind(email)
    .all<{ to_email: string; message: StoredMessage; provider_id: string | null }>()
  return Promise.all(
    results.map(async (r) => {
      // an email keeps its body (JSON text, or a reminder's packed bytes) until it is sent
      if (r.message !== '') return { to_email: r.to_email, ...(await unpackMessage(r.message)) }
      const sent = installedFake?.emails.find((e) => e.id === r.provider_id)
      if (!sent) throw new Error(`email ${r.provider_id} to ${email} has no stored body and the fake did not get it`)
      return {
        to_email: r.to_email,
        subject: sent.subject,
        html: sent.html ?? '',
        text: sent.text ?? '',
        headers: sent.headers,
      }
    }),
  )
}

/** The path of the first link of this kind in an email's text. */
export function linkPath(mail: StoredMail, kind: 'confirm' | 'unsubscribe' | 'manage'): string {
  const m = mail.text.match(new RegExp(`${ORIGIN}(/${kind}/[A-Za-z0-9._-]+)`))
  if (!m?.[1]) throw new Error(`no ${kind} link in email`)
  return m[1]
}

/**
 * Every row of every table the web side keeps data in, for before/after comparisons. Rate-limit
 * counters are left out: every manage POST counts, whether or not it changes anything.
 */
export async function snapshot(): Promise<string> {
  const tables = ['subscribers', 'cards', 'outbox', 'deliveries']
  const out: Record<string, unknown[]> = {}
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()).results
  return JSON.stringify(out)
}

export async function row<T = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T | null> {
  return env.DB.prepare(sql)
    .bind(...args)
    .first<T>()
}

/** Subscribes an address through the form and returns its confirm link path. */
export async function subscribeAndGetConfirm(
  fields: Fields = {},
): Promise<{ email: string; confirm: string; res: Response }> {
  const f = validFields(fields)
  const res = await post('/subscribe', f)
  const email = String(f.email).toLowerCase()
  const mails = await mailsTo(email)
  const last = mails.at(-1)
  if (!last) throw new Error(`no confirmation stored (status ${res.status})`)
  return { email, confirm: linkPath(last, 'confirm'), res }
}

/** Changes one character inside the signature (not the last one, whose low bits are padding). */
export function tamper(tok: string): string {
  const i = tok.length - 10
  const ch = tok[i] === 'A' ? 'B' : 'A'
  return `${tok.slice(0, i)}${ch}${tok.slice(i + 1)}`
}

/** Waits until the work requests left running after their answer (waitUntil: email sends) is done. */
export async function settleSends(): Promise<void> {
  while (contexts.length > 0) {
    const ctx = contexts.shift()
    if (ctx) await waitOnExecutionContext(ctx)
  }
}
