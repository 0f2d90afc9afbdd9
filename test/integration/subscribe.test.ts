// POST /subscribe: double opt-in, the identical answer for every address state, the per-address
// cap, the honeypot, and user text that must stay harmless in pages, emails and headers.
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FakeResend } from '../fakes/resend'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { linkPath, mailsTo, post, row, type StoredMail, settleSends, validFields } from '../helpers/web'

let fake: FakeResend

afterEach(settleSends)

beforeEach(async () => {
  await clearAll()
  fake = installFakeResend()
})

/** The answer page with the echoed address taken out: all that may differ between two addresses. */
function sameBut(page: string, email: string): string {
  // The address shows in the page and rides in the "send it again" form's hidden field.
  return page.replaceAll(email, 'ADDRESS')
}

async function waitForEmails(n: number) {
  for (let i = 0; i < 50 && fake.emails.length < n; i++) await new Promise((r) => setTimeout(r, 20))
}

describe('POST /subscribe', () => {
  it('stores a pending subscriber and card, and sends one confirmation email in the chosen language', async () => {
    const fields = validFields({ email: 'New.Person@Example.com', locale: 'zh-Hant' })
    const res = await post('/subscribe', fields)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('Check your inbox')

    const sub = await row<Record<string, unknown>>(
      'SELECT * FROM subscribers WHERE email = ?1',
      'new.person@example.com',
    )
    expect(sub?.status).toBe('pending')
    const card = await row<Record<string, unknown>>('SELECT * FROM cards WHERE subscriber_id = ?1', sub?.id)
    expect(card?.status).toBe('pending')
    expect(card?.confirm_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(card?.pending_locale).toBe('zh-Hant')
    expect(card?.label).toBe('Travel SIM')
    expect(card?.lead_days).toBe('[14,7,1]')

    const [mail] = await mailsTo('new.person@example.com')
    expect(mail).toBeDefined()
    if (!mail) return
    expect(mail.html).toBeTruthy()
    expect(mail.text).toBeTruthy()
    const unsub = linkPath(mail, 'unsubscribe')
    expect(mail.headers['List-Unsubscribe']).toBe(`<https://simkeep.test${unsub}>`)
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(linkPath(mail, 'confirm')).toMatch(/^\/confirm\//)
    // Only the nonce's hash is stored, never the nonce in the link.
    expect(JSON.stringify(card)).not.toContain(linkPath(mail, 'confirm').split('.')[3] ?? 'missing')

    await waitForEmails(1)
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.to).toEqual(['new.person@example.com'])
  })

  it('gives the same answer for a new, pending, confirmed and unsubscribed address', async () => {
    const pending = await insertSubscriber({ status: 'pending', email: 'pending@example.com' })
    const active = await insertSubscriber({ status: 'active', email: 'active@example.com' })
    await insertCard(active.id)
    await insertSubscriber({ status: 'unsubscribed', email: 'gone@example.com', unsubscribedAt: 1 })
    void pending

    const answers = []
    for (const email of ['fresh@example.com', 'pending@example.com', 'active@example.com', 'gone@example.com']) {
      const res = await post('/subscribe', validFields({ email }))
      const body = await res.text()
      // The page echoes the address typed, and nothing else differs.
      expect(body).toContain(`<strong>${email}</strong>`)
      answers.push({ status: res.status, body: sameBut(body, email), type: res.headers.get('content-type') })
    }
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0])
    // Each of them still got a confirmation email: a new card waits for confirmation.
    for (const email of ['fresh@example.com', 'pending@example.com', 'active@example.com', 'gone@example.com']) {
      expect(await mailsTo(email)).toHaveLength(1)
    }
    const activeCards = await env.DB.prepare('SELECT status FROM cards WHERE subscriber_id = ?1 ORDER BY created_at')
      .bind(active.id)
      .all<{ status: string }>()
    expect(activeCards.results.map((r) => r.status).sort()).toEqual(['active', 'pending'])
    // A known address keeps its language: the form does not change a confirmed address's settings.
    expect((await row<{ status: string }>('SELECT status FROM subscribers WHERE id = ?1', active.id))?.status).toBe(
      'active',
    )
  })

  it('sends at most 3 confirmation emails an hour to one address, with the same answer each time', async () => {
    const email = 'often@example.com'
    const bodies = new Set<string>()
    // The same address each time, so even the echoed address is the same.
    for (let i = 0; i < 5; i++) {
      const res = await post('/subscribe', validFields({ email }))
      expect(res.status).toBe(200)
      bodies.add(await res.text())
    }
    expect(bodies.size).toBe(1)
    expect(await mailsTo(email)).toHaveLength(3)
  })

  it('sends nothing to a suppressed address, and says the same', async () => {
    await insertSubscriber({ email: 'bounced@example.com', suppressedAt: 1, suppressedReason: 'bounced' })
    const a = await post('/subscribe', validFields({ email: 'bounced@example.com' }))
    const b = await post('/subscribe', validFields({ email: 'other@example.com' }))
    expect(a.status).toBe(b.status)
    expect(sameBut(await a.text(), 'bounced@example.com')).toBe(sameBut(await b.text(), 'other@example.com'))
    expect(await mailsTo('bounced@example.com')).toHaveLength(0)
  })

  it('does nothing when the honeypot is filled, but answers the same', async () => {
    const res = await post('/subscribe', validFields({ email: 'bot@example.com', website: 'http://spam.example' }))
    expect(res.status).toBe(200)
    const bot = await res.text()
    expect(bot).toContain('Check your inbox')
    expect(await row('SELECT * FROM subscribers WHERE email = ?1', 'bot@example.com')).toBeNull()
    const human = await (await post('/subscribe', validFields({ email: 'human@example.com' }))).text()
    expect(sameBut(bot, 'bot@example.com')).toBe(sameBut(human, 'human@example.com'))
  })

  it('shows the address as typed on the "check your inbox" page, escaped, in every language', async () => {
    // Valid, yet full of characters HTML must escape; the page shows it as typed, not lower-cased.
    const typed = "O'Brien&Co@Example.com"
    const res = await post('/subscribe', validFields({ email: `  ${typed} ` }))
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('If <strong>O&#39;Brien&amp;Co@Example.com</strong> is right, an email')
    expect(page).not.toContain(typed)
    expect(await mailsTo(typed.toLowerCase())).toHaveLength(1)
    const hant = await (await post('/subscribe', validFields({ form_lang: 'zh-Hant', email: 'a@example.com' }))).text()
    expect(hant).toContain('如地址 <strong>a@example.com</strong> 正確')
    const hans = await (await post('/subscribe', validFields({ form_lang: 'zh-Hans', email: 'b@example.com' }))).text()
    expect(hans).toContain('如果地址 <strong>b@example.com</strong> 正确')
    // The honeypot answer echoes too, and markup typed there stays text.
    const bot = await post('/subscribe', validFields({ email: '<script>alert(1)</script>', website: 'x' }))
    const botPage = await bot.text()
    expect(botPage).not.toContain('<script>alert(1)</script>')
    expect(botPage).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>')
  })

  it('escapes a script label in the form, the email html, and keeps CR/LF out of subject and headers', async () => {
    const label = '<script>alert(1)</script>\r\nBcc: victim'
    const bad = await post('/subscribe', validFields({ label, email: 'bad address' }))
    const page = await bad.text()
    expect(page).not.toContain('<script>alert(1)</script>')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')

    await post('/subscribe', validFields({ label, email: 'xss@example.com' }))
    const card = await row<{ label: string }>('SELECT label FROM cards')
    const [first] = await mailsTo('xss@example.com')
    // The label shows only once confirmed, escaped.
    const confirmedPage = await (await post(linkPath(first as StoredMail, 'confirm'))).text()
    expect(confirmedPage).not.toContain('<script>alert(1)</script>')
    expect(confirmedPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(card?.label).not.toMatch(/[\r\n]/)
    const [mail] = await mailsTo('xss@example.com')
    expect(mail?.html).not.toContain('<script>alert(1)</script>')
    expect(mail?.subject).not.toMatch(/[\r\n]/)
    for (const [k, v] of Object.entries(mail?.headers ?? {})) expect(`${k}${v}`).not.toMatch(/[\r\n]/)
    await waitForEmails(1)
    expect(fake.emails[0]?.subject ?? '').not.toMatch(/[\r\n]/)
  })

  it('keeps the email in the outbox when Resend is down, and still answers 200', async () => {
    fake.queue.push({ status: 500 })
    const res = await post('/subscribe', validFields({ email: 'later@example.com' }))
    expect(res.status).toBe(200)
    await new Promise((r) => setTimeout(r, 100))
    const rowOut = await row<{ status: string }>('SELECT status FROM outbox WHERE to_email = ?1', 'later@example.com')
    expect(rowOut?.status).toBe('pending')
  })
})
