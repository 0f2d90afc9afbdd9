// "I've renewed": GET suggests max(old expiry, today + cycle) and changes nothing; POST saves and reschedules; a link
// used again, or sent for an earlier expiry, changes nothing; no page links to manage (the lost-link form instead).
import { beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src/domain/zoned-time'
import { formatDate } from '../../src/i18n/format'
import { dateInWords } from '../../src/views/date-field'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { get, hkDate, post, renewedToken, row, snapshot, tamper, token } from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

describe('renewed', () => {
  it('GET proposes today + cycle (carriers count from the top-up day) in an editable field, and changes nothing', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const expires = hkDate(5)
    const card = await insertCard(s.id, { expiresOn: expires, cycleDays: 90, label: '<b>x</b>' })
    const tok = await renewedToken(card)
    const before = await snapshot()
    const res = await get(`/renewed/${tok}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`name="expires_on"`)
    expect(html).toContain(`value="${hkDate(90)}"`)
    // The browser draws the input in the OS's format: the date is also written out in the page language.
    expect(html).toContain(dateInWords(hkDate(90), 'en-GB'))
    expect(html).toContain('don’t add the days you had left')
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(await snapshot()).toBe(before)
  })

  it('GET for a card with no cycle proposes nothing: an empty field and the old date beside it', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { expiresOn: hkDate(-1), cycleDays: null })
    const html = await (await get(`/renewed/${await renewedToken(card)}`)).text()
    expect(html).toContain('Please enter the new expiry date your carrier shows')
    expect(html).not.toContain(`value="${hkDate(-1)}"`)
    expect(html).toMatch(/name="expires_on"[^>]*value=""|value=""[^>]*name="expires_on"/)
    expect(html).toContain(formatDate(hkDate(-1), 'en'))
  })

  it('GET keeps the old expiry when a top-up today would not reach past it (no stacking)', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    const card = await insertCard(s.id, { expiresOn: hkDate(100), cycleDays: 30 })
    const html = await (await get(`/renewed/${await renewedToken(card)}`)).text()
    expect(html).toContain(`value="${hkDate(100)}"`)
    expect(html).toContain('不會累計原本剩餘的日數')
  })

  it('GET for a plan that renews itself proposes the date the scheduler rolled to, to confirm or correct', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hans' })
    const card = await insertCard(s.id, { expiresOn: hkDate(29), cycleDays: 30, autoRenew: true })
    const html = await (await get(`/renewed/${await renewedToken(card)}`)).text()
    expect(html).toContain(`value="${hkDate(29)}"`)
    expect(html).toContain('自动续费')
    // The same link can come from a calendar saved before the renewal day: nothing claims the date
    // has already moved, and the stored date is not called the old one.
    expect(html).not.toContain('已在续费日')
    expect(html).toContain('目前记录的到期日')
    expect(html).not.toContain('原到期日')
    const en = await insertSubscriber({ locale: 'en' })
    const enCard = await insertCard(en.id, { expiresOn: hkDate(29), cycleDays: 30, autoRenew: true })
    const enHtml = await (await get(`/renewed/${await renewedToken(enCard)}`)).text()
    expect(enHtml).toContain('we move its expiry date forward after each renewal day')
    expect(enHtml).toContain('Expiry date we have now:')
    expect(enHtml).not.toContain('Old expiry date')
    // No top-up happened: the page says what to do if the plan lapsed, not to keep a receipt.
    expect(enHtml).toContain('Did the plan lapse because the balance was too low?')
    expect(enHtml).not.toContain('receipt')
  })

  it('POST of the date we already had confirms it, and says reminders go on, not that a new date was saved', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { expiresOn: hkDate(29), cycleDays: 30, autoRenew: true })
    const tok = await renewedToken(card)
    const same = await (await post(`/renewed/${tok}`, { expires_on: hkDate(29) })).text()
    expect(same).toContain('Date confirmed')
    expect(same).toContain('Reminders go on as planned')
    expect(same).not.toContain('New date saved')
    expect(same).not.toContain('Reminders for the old date are off')
    // A corrected date is a new date.
    const moved = await (await post(`/renewed/${tok}`, { expires_on: hkDate(31) })).text()
    expect(moved).toContain('New date saved')
  })

  it('POST names the next renewal reminder, never the monthly balance check that may come first', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { expiresOn: hkDate(2), cycleDays: 90, leadDays: [7], balanceCheck: 'monthly' })
    // Renewed to 90 days out, reminded 7 days before: a balance check on the 1st comes well before that.
    const html = await (await post(`/renewed/${await renewedToken(card)}`, { expires_on: hkDate(90) })).text()
    const text = html.replace(/<[^>]+>/g, '')
    expect(text).toContain(`Your next reminder arrives on ${formatDate(hkDate(83), 'en')}.`)
  })

  it('POST applies the new expiry, restarts reminders from now', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    const card = await insertCard(s.id, { expiresOn: hkDate(2), cycleDays: 30, nextDueAt: 1, activeFrom: 0 })
    const tok = await renewedToken(card)
    const t0 = Date.now()
    const newDate = hkDate(32)
    const res = await post(`/renewed/${tok}`, { expires_on: newDate })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('新日期已儲存')
    // Renewed links travel in calendar files: the way to the cards is a link emailed to the address.
    expect(html).not.toContain('/manage/')
    expect(html).toContain('action="/manage-link"')
    const r = await row<Record<string, unknown>>('SELECT * FROM cards WHERE id = ?1', card.id)
    expect(r?.expires_on).toBe(newDate)
    expect(r?.active_from as number).toBeGreaterThanOrEqual(t0)
    // The old schedule (next_due_at = 1) is gone: reminders for the old date stop.
    expect(r?.next_due_at).not.toBe(1)
  })

  it('a bad date re-shows the form with 422 and changes nothing', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { expiresOn: hkDate(2) })
    const tok = await renewedToken(card)
    const before = await snapshot()
    for (const bad of ['', 'soon', hkDate(-3), hkDate(4000)]) {
      const res = await post(`/renewed/${tok}`, { expires_on: bad })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('aria-invalid="true"')
    }
    expect(await snapshot()).toBe(before)
  })

  it('rejects tampered, expired and wrong-purpose tokens and pending cards, changing nothing', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id)
    const pending = await insertCard(s.id, { status: 'pending' })
    const good = await renewedToken(card)
    const bad = [
      tamper(good),
      await renewedToken(card, Date.now() - 200 * 86_400_000),
      await token('unsubscribe', card.id),
      await renewedToken(pending),
    ]
    const before = await snapshot()
    for (const tok of bad) {
      for (const res of [await get(`/renewed/${tok}`), await post(`/renewed/${tok}`, { expires_on: hkDate(30) })]) {
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
      }
    }
    expect(await snapshot()).toBe(before)
  })

  /** The stale page: no form, the card's current date, and the lost-link form (never a manage link). */
  async function expectStale(res: Response, status: number, date: string, _email: string): Promise<void> {
    expect(res.status).toBe(status)
    const html = await res.text()
    expect(html).toContain('Already renewed')
    expect(html).toContain(formatDate(date, 'en'))
    expect(html).not.toContain('name="expires_on"')
    expect(html).not.toContain('/manage/')
    expect(html).toContain('action="/manage-link"')
  }

  it('the same link after a successful POST: GET shows "already renewed" with the new date, POST saves nothing', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { expiresOn: hkDate(3), cycleDays: 30 })
    const tok = await renewedToken(card)
    const newDate = addDays(card.expiresOn, 30)
    expect((await post(`/renewed/${tok}`, { expires_on: newDate })).status).toBe(200)

    const before = await snapshot()
    await expectStale(await get(`/renewed/${tok}`), 200, newDate, s.email)
    // A second save, even of a later date, would push the card a cycle past its real expiry.
    await expectStale(await post(`/renewed/${tok}`, { expires_on: addDays(newDate, 30) }), 409, newDate, s.email)
    expect(await snapshot()).toBe(before)
    expect((await row<{ expires_on: string }>('SELECT expires_on FROM cards WHERE id = ?1', card.id))?.expires_on).toBe(
      newDate,
    )
  })

  it('a link for an earlier expiry, or one that names no expiry, changes nothing and says so in each language', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const current = hkDate(40)
    const card = await insertCard(s.id, { expiresOn: current, cycleDays: 30 })
    const older = await renewedToken({ id: card.id, expiresOn: hkDate(10) })
    const undated = await token('renewed', card.id)
    const before = await snapshot()
    for (const tok of [older, undated]) {
      await expectStale(await get(`/renewed/${tok}`), 200, current, s.email)
      await expectStale(await post(`/renewed/${tok}`, { expires_on: hkDate(70) }), 409, current, s.email)
    }
    const hant = await (await get(`/renewed/${older}?lang=zh-Hant`)).text()
    expect(hant).toContain('已經續期')
    expect(hant).toContain(formatDate(current, 'zh-Hant'))
    const hans = await (await get(`/renewed/${older}?lang=zh-Hans`)).text()
    expect(hans).toContain('已经续费')
    expect(hans).toContain(formatDate(current, 'zh-Hans'))
    expect(await snapshot()).toBe(before)
  })

  it('the fresh link from the next reminder works again after a renewal', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { expiresOn: hkDate(3), cycleDays: 30 })
    const second = addDays(card.expiresOn, 30)
    expect((await post(`/renewed/${await renewedToken(card)}`, { expires_on: second })).status).toBe(200)
    const fresh = await renewedToken({ id: card.id, expiresOn: second })
    const page = await get(`/renewed/${fresh}`)
    expect(page.status).toBe(200)
    // Topped up again today: today + 30 is still before the saved date, so the saved date stays.
    expect(await page.text()).toContain(`value="${second}"`)
    const third = addDays(second, 30)
    expect((await post(`/renewed/${fresh}`, { expires_on: third })).status).toBe(200)
    expect((await row<{ expires_on: string }>('SELECT expires_on FROM cards WHERE id = ?1', card.id))?.expires_on).toBe(
      third,
    )
  })
})
