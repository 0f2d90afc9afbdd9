// GET /confirm shows a button and changes nothing; POST confirms, starts reminders, and names the next one.
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scheduleFields } from '../../src/domain/activation'
import { slowDeadlineBeforeFirstReminder } from '../../src/domain/first-deadline'
import { rows } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { get, hkDate, post, row, settleSends, snapshot, subscribeAndGetConfirm, tamper, token } from '../helpers/web'

afterEach(settleSends)

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

function expectedNextDue(card: Record<string, unknown>, tz: string, now: number): number | null {
  return scheduleFields(
    {
      id: String(card.id),
      label: String(card.label),
      carrier: null,
      expiresOn: String(card.expires_on),
      cycleDays: card.cycle_days as number | null,
      leadDays: JSON.parse(String(card.lead_days)),
      autoRenew: card.auto_renew === 1,
      balanceCheck: card.balance_check as 'monthly' | 'none',
    },
    tz,
    9,
    now,
  ).nextDueAt
}

describe('confirm', () => {
  it('GET shows a Confirm button and changes nothing', async () => {
    const { confirm } = await subscribeAndGetConfirm({ locale: 'en' })
    const before = await snapshot()
    const res = await get(confirm)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`action="${confirm}"`)
    expect(html).toContain('method="post"')
    // Named by carrier, not by the typed label (which shows once confirmed).
    expect(html).toContain('China Mobile Hong Kong')
    expect(html).not.toContain('Travel SIM')
    expect(await snapshot()).toBe(before)
  })

  it('the same card subscribed again by an address that has it adds no twin, and turns reminders back on', async () => {
    const fields = { email: `twin-${Date.now()}@example.com`, locale: 'en' }
    const first = await subscribeAndGetConfirm(fields)
    await post(first.confirm)
    const cards = () =>
      row<{ n: number; active: number; due: number }>(
        `SELECT count(*) AS n, sum(c.status = 'active') AS active, count(c.next_due_at) AS due
         FROM cards c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email = ?1`,
        first.email,
      )
    // Someone who forgot they subscribed sends the same form: the confirmation shows the card as usual…
    const again = await subscribeAndGetConfirm(fields)
    const page = await (await post(again.confirm)).text()
    expect(page).toContain('Travel SIM')
    // …and the address still has one card, so each reminder comes once.
    expect(await cards()).toMatchObject({ n: 1, active: 1, due: 1 })
    // After unsubscribing, the same form confirmed starts the kept card's reminders again.
    const sub = await row<{ id: string }>('SELECT id FROM subscribers WHERE email = ?1', first.email)
    await post(`/unsubscribe/${await token('unsubscribe', sub!.id)}`)
    expect(await cards()).toMatchObject({ n: 1, due: 0 })
    const back = await subscribeAndGetConfirm(fields)
    expect((await post(back.confirm)).status).toBe(200)
    expect(await cards()).toMatchObject({ n: 1, active: 1, due: 1 })
    expect((await row<{ status: string }>('SELECT status FROM subscribers WHERE id = ?1', sub!.id))?.status).toBe(
      'active',
    )
  })

  it('POST confirms: card and subscriber active, language and timezone applied, next reminder named', async () => {
    const { email, confirm } = await subscribeAndGetConfirm({ locale: 'zh-Hans', timezone: 'Europe/London' })
    const t0 = Date.now()
    const res = await post(confirm)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('设置完成')
    expect(html).toContain(email)
    const sub = await row<Record<string, unknown>>('SELECT * FROM subscribers WHERE email = ?1', email)
    expect(sub?.status).toBe('active')
    expect(sub?.locale).toBe('zh-Hans')
    expect(sub?.timezone).toBe('Europe/London')
    expect(sub?.confirmed_at as number).toBeGreaterThanOrEqual(t0)
    const card = await row<Record<string, unknown>>('SELECT * FROM cards WHERE subscriber_id = ?1', sub?.id)
    expect(card?.status).toBe('active')
    expect(card?.confirm_hash).toBeNull()
    expect(card?.active_from as number).toBeGreaterThanOrEqual(t0)
    const expected = expectedNextDue(card ?? {}, 'Europe/London', card?.active_from as number)
    expect(card?.next_due_at).toBe(expected)
    // Says when the next reminder comes, or that none is left before the date.
    expect(expected).not.toBeNull()
    expect(html).toMatch(/下一次提醒：(<span class="nowrap">)?\d{4}年\d{1,2}月\d{1,2}日/)
    // Straight on to the manage page (to add another card) without waiting for the first reminder.
    const manage = html.match(/href="(\/manage\/[^"]+)"/)?.[1]
    expect(manage).toBeTruthy()
    const page = await get(manage as string)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(email)
  })

  it('a card added from the form keeps the address’s language and hour, and the page says so', async () => {
    const email = `keep-${Date.now()}@example.com`
    const first = await subscribeAndGetConfirm({ email, locale: 'en', timezone: 'America/Vancouver' })
    await post(first.confirm)
    // A second card from the zh-Hant form, "More settings" left closed: its defaults are zh-Hant and Hong Kong.
    const second = await subscribeAndGetConfirm({
      email,
      form_lang: 'zh-Hant',
      locale: 'zh-Hant',
      timezone: 'Asia/Hong_Kong',
      label: 'Second SIM',
    })
    const page = await (await post(second.confirm)).text()
    // The page answers in the form's language and says what the emails keep.
    expect(page).toContain('設定完成')
    expect(page).toContain('這張卡的電郵沿用你其他卡的設定')
    expect(page).toContain('以English發送')
    const sub = await row<{ locale: string; timezone: string }>(
      'SELECT locale, timezone FROM subscribers WHERE email = ?1',
      email,
    )
    expect(sub).toEqual({ locale: 'en', timezone: 'America/Vancouver' })
    // The new card is planned at 09:00 Vancouver time, like the first.
    const cards = await rows<{ label: string; next_due_at: number }>(
      'SELECT c.label, c.next_due_at FROM cards c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email = ?1',
      email,
    )
    expect(cards).toHaveLength(2)
    for (const c of cards) {
      const hour = new Intl.DateTimeFormat('en-GB', {
        hour: 'numeric',
        hourCycle: 'h23',
        timeZone: 'America/Vancouver',
      })
      expect(hour.format(new Date(c.next_due_at))).toBe('09')
    }
    // A first card from the form still sets the address's language and time zone (the test above).
  })

  it('a card expiring within days: the page names the last safe day for PPS when no reminder comes before it', async () => {
    // Three days out, reminded only on the day: the expiry-day notice comes after the last safe day.
    const { confirm } = await subscribeAndGetConfirm({ expires_on: hkDate(3), lead_days: ['0'], carrier: 'cmhk' })
    const now = Date.now()
    const html = await (await post(confirm)).text()
    const expected = slowDeadlineBeforeFirstReminder(
      { expiresOn: hkDate(3), autoRenew: false },
      Date.parse(`${hkDate(3)}T01:00:00Z`),
      'Asia/Hong_Kong',
      now,
    )
    expect(expected).not.toBeNull()
    // "Your next reminder" is that expiry-day notice, not the monthly balance check that may come first.
    const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    const text = html.replace(/<[^>]+>/g, '')
    expect(text).toContain(`Your next reminder arrives on ${long.format(Date.parse(hkDate(3)))}.`)
    if (expected?.passed) expect(html).toContain('Too late for PPS now')
    else {
      expect(html).toContain('PPS: pay by')
      expect(html).toContain('Your first reminder comes after that day.')
    }
    // Forty days out, reminders 14, 7 and 1 days before: the 14-day one names the day itself.
    const later = await subscribeAndGetConfirm()
    const page = await (await post(later.confirm)).text()
    expect(page).not.toContain('PPS: pay by')
    expect(page).not.toContain('Too late for PPS')
  })

  it('a corrected form sent again: the confirm page says confirming adds a second card, naming the first', async () => {
    const email = `again-${Date.now()}@example.com`
    const first = await subscribeAndGetConfirm({ email, expires_on: hkDate(40) })
    await post(first.confirm)
    // The same card name and carrier with another date (a typo fixed): a second card if confirmed.
    const fixed = await subscribeAndGetConfirm({ email, expires_on: hkDate(70) })
    const before = await snapshot()
    const page = (await (await get(fixed.confirm)).text()).replace(/<[^>]+>/g, '')
    expect(page).toContain('You already get reminders for “Travel SIM”')
    expect(page).toContain('Confirming this adds a second card')
    expect(await snapshot()).toBe(before)
    // The very same form again is no second card (its twin is dropped on confirming): no such note.
    const same = await subscribeAndGetConfirm({ email, expires_on: hkDate(40) })
    expect(await (await get(same.confirm)).text()).not.toContain('adds a second card')
  })

  it('a second confirmation is a friendly page and changes nothing', async () => {
    const { confirm } = await subscribeAndGetConfirm()
    await post(confirm)
    const before = await snapshot()
    const again = await post(confirm)
    expect(again.status).toBe(200)
    const html = await again.text()
    expect(html).toContain('Already confirmed')
    // Pressed by the owner in a browser (a POST): the manage link may stay.
    expect(html).toMatch(/href="\/manage\/[^"]+"/)
    // Opened again by GET (mail scanners do that): no manage link, the lost-link form instead.
    const reopened = await get(confirm)
    expect(reopened.status).toBe(200)
    const page = await reopened.text()
    expect(page).toContain('Already confirmed')
    expect(page).not.toContain('/manage/')
    expect(page).toContain('action="/manage-link"')
    expect(await snapshot()).toBe(before)
  })

  it('a confirmation older than 7 days has expired: 410 with a way back to the form, nothing changes', async () => {
    const s = await insertSubscriber({ status: 'pending' })
    const longAgo = Date.now() - 8 * 86_400_000
    const card = await insertCard(s.id, { status: 'pending', createdAt: longAgo })
    const tok = await token('confirm', card.id, longAgo, 'nonce123')
    const before = await snapshot()
    for (const res of [await get(`/confirm/${tok}`), await post(`/confirm/${tok}`)]) {
      expect(res.status).toBe(410)
      const html = await res.text()
      expect(html).toMatch(/expired|過期|过期/)
      expect(html).toContain('href="/?lang=')
    }
    expect(await snapshot()).toBe(before)
  })

  it('rejects tampered and wrong-purpose tokens with 4xx and changes nothing', async () => {
    const { confirm } = await subscribeAndGetConfirm()
    const tok = confirm.split('/')[2] ?? ''
    const cardId = tok.split('.')[1] ?? ''
    const tampered = tamper(tok)
    const wrongPurpose = await token('manage', cardId)
    const wrongNonce = await token('confirm', cardId, Date.now(), 'someothernonce')
    const before = await snapshot()
    for (const bad of [tampered, wrongPurpose, wrongNonce, 'garbage', `${tok}x`]) {
      for (const res of [await get(`/confirm/${bad}`), await post(`/confirm/${bad}`)]) {
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
      }
    }
    expect(await snapshot()).toBe(before)
    expect((await row<{ status: string }>('SELECT status FROM cards WHERE id = ?1', cardId))?.status).toBe('pending')
  })

  it('re-subscribing after an unsubscribe works through the confirmation', async () => {
    const s = await insertSubscriber({ status: 'unsubscribed', email: 'back@example.com', unsubscribedAt: 5 })
    const { confirm } = await subscribeAndGetConfirm({ email: 'back@example.com' })
    expect((await post(confirm)).status).toBe(200)
    const sub = await row<Record<string, unknown>>('SELECT * FROM subscribers WHERE id = ?1', s.id)
    expect(sub?.status).toBe('active')
    expect(sub?.unsubscribed_at).toBeNull()
    void env
  })
})
