// "Stop balance checks only" from a balance-check email: the GET page changes nothing, the POST stops
// the monthly balance checks of every card of the address, and renewal reminders keep coming (cron).
import { exports } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { at, fire, rows } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'
import { get, ORIGIN, post, snapshot, token } from '../helpers/web'

beforeEach(clearAll)

const balanceOf = async (subscriberId: string) =>
  (await rows<{ balance_check: string }>('SELECT balance_check FROM cards WHERE subscriber_id = ?1', subscriberId)).map(
    (r) => r.balance_check,
  )

describe('stop balance checks only', () => {
  it('GET shows its own button in the subscriber language and changes nothing', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    await insertScheduledCard(s, { expiresOn: '2027-03-20', balanceCheck: 'monthly' }, Date.now())
    const tok = await token('unsubscribe', s.id)
    const before = await snapshot()
    const res = await get(`/unsubscribe/${tok}?only=balance`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('停止查詢餘額提醒')
    expect(html).toContain(`action="/unsubscribe/${tok}?only=balance"`)
    // The language links keep the page (and its query).
    expect(html).toContain(`href="/unsubscribe/${tok}?only=balance&amp;lang=en"`)
    expect(await snapshot()).toBe(before)
  })

  it('POST stops the balance checks of every card and nothing else; the address stays subscribed', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertScheduledCard(s, { expiresOn: '2027-03-20', balanceCheck: 'monthly' }, Date.now())
    await insertScheduledCard(s, { expiresOn: '2027-05-20', balanceCheck: 'monthly', leadDays: [7] }, Date.now())
    const tok = await token('unsubscribe', s.id)
    const res = await post(`/unsubscribe/${tok}?only=balance`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Balance checks stopped')
    expect(await balanceOf(s.id)).toEqual(['none', 'none'])
    const [sub] = await rows<{ status: string }>('SELECT status FROM subscribers WHERE id = ?1', s.id)
    expect(sub?.status).toBe('active')
    const leads = await rows<{ lead_days: string }>('SELECT lead_days FROM cards WHERE subscriber_id = ?1', s.id)
    expect(leads.map((r) => r.lead_days).sort()).toEqual(['[14,7,1]', '[7]'])
  })

  it('for an address already unsubscribed, says no email goes there at all (not "reminders keep coming")', async () => {
    const s = await insertSubscriber({ locale: 'en', status: 'unsubscribed' })
    await insertScheduledCard(s, { expiresOn: '2027-03-20', balanceCheck: 'monthly' }, Date.now())
    const tok = await token('unsubscribe', s.id)
    const before = await snapshot()
    const page = await (await get(`/unsubscribe/${tok}?only=balance`)).text()
    expect(page).toContain('You’re unsubscribed')
    expect(page).not.toContain('Stop balance checks</button>')
    expect(await snapshot()).toBe(before)
    const res = await post(`/unsubscribe/${tok}?only=balance`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('You’re unsubscribed')
    expect(html).not.toContain('Balance checks stopped')
    expect(await balanceOf(s.id)).toEqual(['none'])
  })

  it('through the cron: the balance email carries the link; after it, balance checks stop and renewal reminders go on', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en', email: 'bal@example.com' })
    // E = 20 Mar 2027: a 14-day reminder on 6 Mar; balance checks on the 1st of Feb and Mar.
    await insertScheduledCard(
      s,
      { label: 'Travel SIM', expiresOn: '2027-03-20', leadDays: [14], balanceCheck: 'monthly' },
      at('2027-01-15T00:00:00Z'),
    )
    await fire(at('2027-02-01T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    const balance = fake.emails[0]!
    const link = /https:\/\/simkeep\.test\/unsubscribe\/[\w.-]+\?only=balance/.exec(balance.text ?? '')?.[0]
    expect(link).toBeTruthy()
    expect(balance.html).toContain(`${link?.replace('?', '?')}`)
    // The full unsubscribe stays beside it, and the List-Unsubscribe header is the full one.
    expect(balance.headers['List-Unsubscribe']).not.toContain('only=balance')

    // The person opens the link and presses the button.
    const path = (link ?? '').slice(ORIGIN.length)
    expect((await get(path)).status).toBe(200)
    expect((await post(path)).status).toBe(200)

    await fire(at('2027-03-01T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    await fire(at('2027-03-06T01:00:00Z'))
    expect(fake.emails).toHaveLength(2)
    const renewal = fake.emails[1]!
    expect(renewal.subject).toContain('Travel SIM')
    expect(renewal.subject).toContain('14')
    // A renewal-only email has no balance link.
    expect(renewal.text).not.toContain('only=balance')
    // The card's own expiry notice still comes on its day.
    await fire(at('2027-03-20T01:00:00Z'))
    expect(fake.emails).toHaveLength(3)
    expect(fake.emails[2]?.text).not.toContain('only=balance')
  })

  it('a one-click POST to the balance link, with no Origin, is accepted like the page button', async () => {
    const s = await insertSubscriber()
    await insertScheduledCard(s, { expiresOn: '2027-03-20', balanceCheck: 'monthly' }, Date.now())
    const tok = await token('unsubscribe', s.id)
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/unsubscribe/${tok}?only=balance`, { method: 'POST', redirect: 'manual' }),
    )
    expect(res.status).toBe(200)
    expect(await balanceOf(s.id)).toEqual(['none'])
  })
})
