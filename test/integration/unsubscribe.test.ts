// Unsubscribe: GET shows a button and changes nothing; POST (page or RFC 8058 one-click) stops all mail.
import { exports } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import {
  get,
  linkPath,
  mailsTo,
  ORIGIN,
  post,
  row,
  type StoredMail,
  settleSends,
  snapshot,
  tamper,
  token,
} from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

const status = async (id: string) =>
  await row<{ status: string; unsubscribed_at: number | null }>(
    'SELECT status, unsubscribed_at FROM subscribers WHERE id = ?1',
    id,
  )

describe('unsubscribe', () => {
  it('GET shows an Unsubscribe button in the subscriber language and changes nothing', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    const tok = await token('unsubscribe', s.id)
    const before = await snapshot()
    const res = await get(`/unsubscribe/${tok}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('取消訂閱')
    expect(html).toContain(`action="/unsubscribe/${tok}"`)
    expect(await snapshot()).toBe(before)
  })

  it('GET once unsubscribed shows the done page (cards still expiring, the way back), no button, and changes nothing', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertCard(s.id, { label: 'Travel', expiresOn: '2027-03-31' })
    const tok = await token('unsubscribe', s.id)
    await post(`/unsubscribe/${tok}`)
    const before = await snapshot()
    const html = await (await get(`/unsubscribe/${tok}`)).text()
    expect(html).not.toContain(`action="/unsubscribe/${tok}"`)
    expect(html.replace(/<[^>]+>/g, '')).toContain('“Travel” still expires on 31 March 2027')
    expect(html).toContain('Add this date to my calendar')
    expect(await snapshot()).toBe(before)
  })

  it('one-click POST with no cookie, no Origin and the RFC 8058 body answers 200 and unsubscribes', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { nextDueAt: Date.now() + 86_400_000 })
    const tok = await token('unsubscribe', s.id)
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/unsubscribe/${tok}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('location')).toBeNull()
    const html = await res.text()
    expect(html).toContain('unsubscribed')
    // Says how to subscribe again.
    expect(html).toContain('href="/?lang=en"')
    expect((await status(s.id))?.status).toBe('unsubscribed')
    // The cron no longer reads the card.
    expect(
      (await row<{ next_due_at: number | null }>('SELECT next_due_at FROM cards WHERE id = ?1', card.id))?.next_due_at,
    ).toBeNull()
  })

  it('works with no body at all, and is idempotent', async () => {
    const s = await insertSubscriber()
    const tok = await token('unsubscribe', s.id)
    const first = await exports.default.fetch(new Request(`${ORIGIN}/unsubscribe/${tok}`, { method: 'POST' }))
    expect(first.status).toBe(200)
    const at = (await status(s.id))?.unsubscribed_at
    const second = await exports.default.fetch(
      new Request(`${ORIGIN}/unsubscribe/${tok}`, { method: 'POST', headers: { origin: 'https://mail.example' } }),
    )
    expect(second.status).toBe(200)
    // The same page (its manage link is signed afresh, so compare around it).
    const page = async (r: Response) => (await r.text()).replace(/\/manage\/[^"]+/g, '/manage/…')
    expect(await page(second)).toBe(await page(first))
    expect((await status(s.id))?.unsubscribed_at).toBe(at)
  })

  it('the done page offers the way back by email: no manage link, the lost-link form, whose email opens the cards', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const done = await (await post(`/unsubscribe/${await token('unsubscribe', s.id)}`)).text()
    expect(done).toContain('Your cards are kept')
    expect(done).not.toContain('/manage/')
    expect(done).toMatch(/<form[^>]*action="\/manage-link"/)
    expect((await post('/manage-link', { form_lang: 'en', email: s.email })).status).toBe(200)
    await settleSends()
    const [mail] = await mailsTo(s.email)
    expect(mail).toBeTruthy()
    const manage = linkPath(mail as StoredMail, 'manage')
    const page = await (await get(manage)).text()
    expect(page).toContain(`action="${manage}/resubscribe"`)
  })

  it('the done page says each card still runs out: top up by hand, or keep the fee on a plan that renews itself', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertCard(s.id, { label: 'By hand', expiresOn: '2027-03-31' })
    await insertCard(s.id, {
      label: 'Auto fee',
      expiresOn: '2027-04-30',
      autoRenew: true,
      cycleDays: 30,
      renewalFeeCents: 4800,
    })
    await insertCard(s.id, { label: 'Auto', expiresOn: '2027-05-31', autoRenew: true, cycleDays: 30 })
    const done = await (await post(`/unsubscribe/${await token('unsubscribe', s.id)}`)).text()
    const items = [...done.matchAll(/<li><p>([\s\S]*?)<\/p>/g)].map((m) => m[1]?.replace(/<[^>]+>/g, '') ?? '')
    expect(items).toHaveLength(3)
    expect(items[0]).toContain('“By hand” still expires on 31 March 2027. Top it up before then')
    expect(items[1]).toContain('“Auto fee” still renews itself on 30 April 2027 by taking HK$48 from the balance')
    expect(items[1]).toContain('Keep at least HK$48 on the card')
    expect(items[2]).toContain('“Auto” still renews itself on 31 May 2027 by taking its fee from the balance')
    expect(items.slice(1).join(' ')).not.toContain('Top it up')
    // One link to the address's calendar feed, which holds all three dates.
    expect(done.match(/href="\/calendar\/[^"]+\.ics"/g)).toHaveLength(1)
    expect(done).toContain('Add these dates to my calendar')

    const zh = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(zh.id, {
      label: '中港卡',
      expiresOn: '2027-04-30',
      autoRenew: true,
      cycleDays: 30,
      renewalFeeCents: 4800,
    })
    const zhDone = (await (await post(`/unsubscribe/${await token('unsubscribe', zh.id)}`)).text()).replace(
      /<[^>]+>/g,
      '',
    )
    expect(zhDone).toContain('「中港卡」的計劃仍會在2027年4月30日從卡內餘額扣除 HK$48 自動續期')
    expect(zhDone).not.toContain('請在此之前增值')
  })

  it('the button on the page works too', async () => {
    const s = await insertSubscriber()
    const tok = await token('unsubscribe', s.id)
    expect((await post(`/unsubscribe/${tok}`)).status).toBe(200)
    expect((await status(s.id))?.status).toBe('unsubscribed')
  })

  it('rejects tampered, expired and wrong-purpose tokens with 4xx and changes nothing', async () => {
    const s = await insertSubscriber()
    const good = await token('unsubscribe', s.id)
    const bad = [
      tamper(good),
      await token('unsubscribe', s.id, Date.now() - 400 * 86_400_000),
      await token('manage', s.id),
      'x',
    ]
    const before = await snapshot()
    for (const tok of bad) {
      for (const res of [await get(`/unsubscribe/${tok}`), await post(`/unsubscribe/${tok}`)]) {
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
      }
    }
    expect(await snapshot()).toBe(before)
  })

  it('a valid link for an address already deleted still answers 200: it gets no mail', async () => {
    const tok = await token('unsubscribe', 'deletedsubscriber')
    expect((await post(`/unsubscribe/${tok}`)).status).toBe(200)
  })

  it('keeps working for at least 60 days after the email', async () => {
    const s = await insertSubscriber()
    const tok = await token('unsubscribe', s.id, Date.now() - 61 * 86_400_000)
    expect((await post(`/unsubscribe/${tok}`)).status).toBe(200)
  })
})
