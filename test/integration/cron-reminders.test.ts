// Issue 9 through the real cron: balance wording with the fee for plans that renew themselves, the E+1
// "did it renew?" and follow-up emails, and the last safe day across Christmas 2026.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { updateCardSettings } from '../../src/db/cards'
import { scheduleFields } from '../../src/domain/activation'
import { at, fire, rows } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'
import { get, post } from '../helpers/web'

beforeEach(clearAll)

const CONFIRMED = at('2026-12-01T00:00:00Z')
const DAY = 86_400_000
const renewedPath = (text: string) => /https:\/\/simkeep\.test(\/renewed\/[\w.-]+)/.exec(text)?.[1] ?? ''

describe('auto-renewal from the balance', () => {
  it('a card with a fee gets the balance wording and the amount, then "did it renew?" on E+1', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertScheduledCard(
      s,
      {
        label: 'Data SIM',
        carrier: 'smartone',
        expiresOn: '2027-01-25',
        leadDays: [7],
        autoRenew: true,
        cycleDays: 30,
        renewalFeeCents: 4800,
      },
      CONFIRMED,
    )
    await fire(at('2027-01-18T01:00:00Z')) // E−7 at 09:00 HKT
    expect(fake.emails).toHaveLength(1)
    const before = fake.emails[0]!
    expect(before.subject).toBe('Data SIM: keep HK$48 on the card before 25 Jan')
    expect(before.text).toContain('Keep at least HK$48 on the card before Mon 25 Jan')
    expect(before.html).toContain('HK$48')
    expect(before.text).not.toContain('I’ve renewed')

    const expiry = async () =>
      (await rows<{ expires_on: string }>('SELECT expires_on FROM cards WHERE id = ?1', card.id))[0]?.expires_on
    await fire(at('2027-01-25T16:00:00Z')) // local midnight after E: E passes, "did it renew?" still to come
    expect(await expiry()).toBe('2027-01-25')
    expect(fake.emails).toHaveLength(1)
    await fire(at('2027-01-26T01:00:00Z')) // E+1 at 09:00 HKT: the question, and E rolls to 24 Feb
    expect(await expiry()).toBe('2027-02-24')
    await fire(at('2027-01-26T02:00:00Z'))
    expect(fake.emails).toHaveLength(2)
    const ask = fake.emails[1]!
    expect(ask.subject).toBe('Data SIM: did the plan renew on 25 Jan?')
    expect(ask.text).toContain('by taking HK$48 from the balance')
    expect(ask.text).toContain('We’ve moved the expiry to Wednesday, 24 February 2027')
    // Its link opens the rolled date to confirm or correct (not a stale "already renewed" page).
    const page = await get(renewedPath(ask.text ?? ''))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('value="2027-02-24"')
    const [d] = await rows<{ kind: string; occurrence_key: string }>(
      "SELECT kind, occurrence_key FROM deliveries WHERE kind = 'renew_check'",
    )
    expect(d?.occurrence_key).toBe(`a:${card.id}:2027-01-25`)
  })

  it('a card stored without a fee says "the plan’s fee"', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    await insertScheduledCard(s, { expiresOn: '2027-01-25', leadDays: [7], autoRenew: true, cycleDays: 30 }, CONFIRMED)
    await fire(at('2027-01-18T01:00:00Z'))
    expect(fake.emails[0]?.text).toContain('足夠支付計劃費用')
  })
})

describe('the E+1 follow-up (auto-renewal off)', () => {
  it('goes out the day after the expired notice when the card was not renewed, then nothing', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'zh-Hans' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [], autoRenew: false }, CONFIRMED)
    await fire(at('2027-01-31T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    for (let d = 1; d < 10; d++) await fire(at('2027-01-31T01:00:00Z') + d * DAY)
    expect(fake.emails).toHaveLength(2)
    expect(fake.emails[1]?.subject).toBe('CMHK 中港卡：已于1月31日到期，续费了吗？')
    expect(fake.emails[1]?.text).toContain('热线：+852\u00a02945\u00a08888')
  })

  it('is not sent when the card was renewed after the notice', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [], autoRenew: false }, CONFIRMED)
    await fire(at('2027-01-31T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    const saved = await post(renewedPath(fake.emails[0]?.text ?? ''), { expires_on: '2027-07-30' })
    expect(saved.status).toBe(200)
    for (let d = 1; d < 10; d++) await fire(at('2027-01-31T01:00:00Z') + d * DAY)
    expect(fake.emails).toHaveLength(1)
    expect(await rows("SELECT 1 FROM deliveries WHERE kind = 'followup'")).toHaveLength(0)
  })
})

describe('the E+1 follow-up for a card confirmed or edited on its expiry day', () => {
  it('goes out for a card confirmed after the notice hour: the notice came before it and is never sent', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    // Confirmed on E at 10:18 HKT, an hour after the 09:00 expired notice was due.
    await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [7, 1] }, at('2027-01-31T02:18:00Z'))
    await fire(at('2027-01-31T02:30:00Z'))
    expect(fake.emails).toHaveLength(0)
    for (let d = 1; d < 10; d++) await fire(at('2027-01-31T01:00:00Z') + d * DAY)
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.subject).toBe('CMHK 中港卡: did you renew? It expired on 31 Jan')
  })

  it('is not sent when the card was edited after the notice (edited_at), though it kept its date', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertScheduledCard(s, { expiresOn: '2027-01-31', leadDays: [] }, CONFIRMED)
    await fire(at('2027-01-31T01:00:00Z'))
    expect(fake.emails).toHaveLength(1)
    // Renamed from the manage page on E at 15:00 HKT.
    const edited = at('2027-01-31T07:00:00Z')
    const settings = { ...card, label: 'Renamed' }
    const plan = scheduleFields({ ...settings, editedAt: edited }, s.timezone, 9, edited)
    await updateCardSettings(env.DB, {
      id: card.id,
      subscriberId: s.id,
      settings,
      now: edited,
      nextDueAt: plan.nextDueAt,
    })
    expect(
      (await rows<{ edited_at: number }>('SELECT edited_at FROM cards WHERE id = ?1', card.id))[0]?.edited_at,
    ).toBe(edited)
    for (let d = 1; d < 10; d++) await fire(at('2027-01-31T01:00:00Z') + d * DAY)
    expect(fake.emails).toHaveLength(1)
    expect(await rows("SELECT 1 FROM deliveries WHERE kind = 'followup'")).toHaveLength(0)
  })
})

describe('the last safe day for PPS and ATM top-ups', () => {
  it('across Christmas 2026: E = Tue 29 Dec gives Thu 24 Dec; on Sun 27 Dec it has passed', async () => {
    const fake = installFakeResend()
    const s = await insertSubscriber({ locale: 'en' })
    await insertScheduledCard(s, { expiresOn: '2026-12-29', leadDays: [7, 2], autoRenew: false }, CONFIRMED)
    await fire(at('2026-12-22T01:00:00Z'))
    // A CMHK card (the fixture's): CMHK's pages name PPS as its only slow channel, no ATM.
    expect(fake.emails[0]?.text).toContain('PPS: pay by Thu 24 Dec at the latest')
    expect(fake.emails[0]?.text).not.toContain('ATM')
    await fire(at('2026-12-27T01:00:00Z'))
    const late = fake.emails[1]?.text ?? ''
    expect(late).toContain('Too late for PPS now (the last safe day was Thu 24 Dec)')
    expect(late).not.toContain('PPS: up to 2 working days')
  })
})
