// GET /calendar/{token}.ics: one feed per address, valid iCalendar (checked with ical.js), stable UIDs,
// an alarm per lead day, following renewals and edits; bad links get 4xx and no data.
import { env } from 'cloudflare:workers'
import ICAL from 'ical.js'
import { beforeEach, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { buildLink } from '../../src/links'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'

const config = { publicUrl: 'https://simkeep.test', signingSecret: env.SIGNING_SECRET ?? '' }
const path = (url: string) => url.replace('https://simkeep.test', '')

interface ParsedEvent {
  uid: string
  start: string
  summary: string
  description: string
  triggers: number[]
}

/** Parses a feed with ical.js (throws on invalid iCalendar) into its events. */
function parse(text: string): { name: unknown; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text))
  expect(cal.name).toBe('vcalendar')
  const events = cal.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent)
    expect(event.startDate.isDate).toBe(true)
    return {
      uid: event.uid,
      start: event.startDate.toString(),
      summary: event.summary,
      description: event.description,
      triggers: vevent
        .getAllSubcomponents('valarm')
        .map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
    }
  })
  return { name: cal.getFirstPropertyValue('x-wr-calname'), events }
}

async function feed(url: string) {
  const res = await app.request(path(url), {}, env)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  return parse(await res.text())
}

beforeEach(clearAll)

describe('GET /calendar/{token}.ics (one feed per address)', () => {
  it('holds one all-day event per active card, with an alarm per lead day at SEND_HOUR', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertCard(s.id, { label: 'Work; SIM, HK', expiresOn: '2027-03-31', leadDays: [14, 7, 0] })
    await insertCard(s.id, { label: '', carrier: 'cmhk', expiresOn: '2027-06-30', leadDays: [1] })
    await insertCard(s.id, { label: 'Not confirmed', status: 'pending' })
    const other = await insertSubscriber()
    await insertCard(other.id, { label: 'Someone else' })
    const url = await buildLink(config, 'feed', s.id, Date.now())
    expect(url).toMatch(/^https:\/\/simkeep\.test\/calendar\/.+\.ics$/)
    const { name, events } = await feed(url)
    expect(name).toBe('SIMKeep: SIM card expiry dates')
    expect(events.map((e) => e.start)).toEqual(['2027-03-31', '2027-06-30'])
    expect(events.map((e) => e.summary)).toEqual([
      'Work; SIM, HK: last day of validity',
      'China Mobile Hong Kong: last day of validity',
    ])
    expect(new Set(events.map((e) => e.uid)).size).toBe(2)
    const hour = 3600
    // SEND_HOUR is 9 in tests: 14 and 7 days before at 09:00, and 09:00 on the day itself.
    expect(events[0]?.triggers.sort((x, y) => x - y)).toEqual([-(14 * 24 - 9) * hour, -(7 * 24 - 9) * hour, 9 * hour])
    expect(events[1]?.triggers).toEqual([-(24 - 9) * hour])
    expect(events[0]?.description).toMatch(/by Thursday,? 25 March 2027/) // Easter: Fri 26–Mon 29 are off
    expect(events[0]?.description).toContain('https://simkeep.test/renewed/')
    expect(JSON.stringify(events)).not.toContain('Someone else')
    expect(JSON.stringify(events)).not.toContain('Not confirmed')
  })

  it('keeps each card’s UID when the card is renewed or edited, so a subscribed calendar moves the event', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    const card = await insertCard(s.id, { label: '中港卡', expiresOn: '2027-03-31' })
    const url = await buildLink(config, 'feed', s.id, Date.now())
    const before = (await feed(url)).events
    await env.DB.prepare("UPDATE cards SET expires_on = '2027-09-27', lead_days = '[3]' WHERE id = ?1")
      .bind(card.id)
      .run()
    const after = (await feed(url)).events
    expect(after.map((e) => e.uid)).toEqual(before.map((e) => e.uid))
    expect(after[0]?.start).toBe('2027-09-27')
    expect(after[0]?.summary).toBe('中港卡：有效期最後一天')
    expect(after[0]?.triggers).toHaveLength(1)
  })

  it('shows an auto-renewing card on its next expiry once the old one has passed', async () => {
    const s = await insertSubscriber()
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
    await insertCard(s.id, { expiresOn: yesterday, autoRenew: true, cycleDays: 30 })
    const { events } = await feed(await buildLink(config, 'feed', s.id, Date.now()))
    expect((events[0]?.start ?? '') > yesterday).toBe(true)
  })

  it('tells a plan that renews itself what to keep on the card, with no "Renewed?" link', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertCard(s.id, {
      label: 'Auto',
      expiresOn: '2027-03-31',
      autoRenew: true,
      cycleDays: 30,
      renewalFeeCents: 4800,
    })
    await insertCard(s.id, { label: 'By hand', expiresOn: '2027-04-30', cycleDays: 30 })
    const [auto, byHand] = (await feed(await buildLink(config, 'feed', s.id, Date.now()))).events
    expect(auto?.summary).toBe('Auto: plan renews from the balance')
    expect(byHand?.summary).toBe('By hand: last day of validity')
    expect(auto?.description).toContain('renews itself on this day by taking HK$48')
    expect(auto?.description).toContain('Keep at least HK$48 on the card before this day')
    expect(auto?.description).not.toContain('Renew before then')
    expect(auto?.description).not.toContain('/renewed/')
    expect(byHand?.description).toContain('Renew before then')
    expect(byHand?.description).toContain('https://simkeep.test/renewed/')

    const zh = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(zh.id, { label: '中港卡', expiresOn: '2027-03-31', autoRenew: true, cycleDays: 30 })
    const [zhAuto] = (await feed(await buildLink(config, 'feed', zh.id, Date.now()))).events
    expect(zhAuto?.description).toContain('計劃會在今日從卡內餘額扣費自動續期')
    expect(zhAuto?.description).not.toContain('增值續期')
  })

  it('counts a self-renewing plan’s last safe day back from the day before its fee is taken', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    // Thu 11 Nov 2027: by hand, the money may arrive on the 11th (Tue 9 + 2 working days); a plan
    // that takes its fee on the 11th needs it by Wed 10 (Mon 8 + 2).
    await insertCard(s.id, { label: 'Auto', expiresOn: '2027-11-11', autoRenew: true, cycleDays: 30 })
    await insertCard(s.id, { label: 'By hand', expiresOn: '2027-11-11', cycleDays: 30 })
    const events = (await feed(await buildLink(config, 'feed', s.id, Date.now()))).events
    const auto = events.find((e) => e.summary.startsWith('Auto'))
    const byHand = events.find((e) => e.summary.startsWith('By hand'))
    expect(auto?.description).toMatch(/Do it by Monday,? 8 November 2027/)
    expect(byHand?.description).toMatch(/Do it by Tuesday,? 9 November 2027/)
  })

  it('names the card’s own carrier’s slow channels in its last-safe-day line, as its emails do', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertCard(s.id, { label: 'csl', carrier: 'csl', expiresOn: '2027-03-31' })
    await insertCard(s.id, { label: 'Unknown', carrier: null, expiresOn: '2027-04-30' })
    const [csl, unknown] = (await feed(await buildLink(config, 'feed', s.id, Date.now()))).events
    expect(csl?.description).toContain('Topping up with PPS, JETCO bank ATM or HSBC/Hang Seng bill payment? Do it by')
    expect(unknown?.description).toContain('Topping up with PPS or bank ATM? Do it by')
    const zh = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(zh.id, { label: '中港卡', carrier: 'cmhk', expiresOn: '2027-03-31' })
    const [cmhk] = (await feed(await buildLink(config, 'feed', zh.id, Date.now()))).events
    // CMHK's pages name PPS as its only slow channel: no bank ATM put in its mouth.
    expect(cmhk?.description).toContain('用繳費靈（PPS）增值？請於')
    expect(cmhk?.description).not.toContain('櫃員機')
  })

  it('serves the whole address’s feed from a per-card link of an older email', async () => {
    const s = await insertSubscriber()
    const a = await insertCard(s.id, { expiresOn: '2027-03-31' })
    await insertCard(s.id, { expiresOn: '2027-04-30' })
    const perCard = await feed(await buildLink(config, 'calendar', a.id, Date.now()))
    const whole = await feed(await buildLink(config, 'feed', s.id, Date.now()))
    expect(perCard.events.map((e) => [e.uid, e.start])).toEqual(whole.events.map((e) => [e.uid, e.start]))
  })

  it('still serves an address that stopped email (the calendar stays), an empty one when no card is left', async () => {
    const s = await insertSubscriber({ status: 'unsubscribed' })
    await insertCard(s.id, { expiresOn: '2027-03-31' })
    expect((await feed(await buildLink(config, 'feed', s.id, Date.now()))).events).toHaveLength(1)
    const empty = await insertSubscriber()
    expect((await feed(await buildLink(config, 'feed', empty.id, Date.now()))).events).toHaveLength(0)
  })

  it('a tampered, wrong-purpose, expired, pending or deleted link gets 4xx and no data', async () => {
    const s = await insertSubscriber()
    await insertCard(s.id, { label: 'Secret label', expiresOn: '2027-03-31' })
    const pendingSub = await insertSubscriber({ status: 'pending' })
    await insertCard(pendingSub.id, { label: 'Secret label' })
    const pendingCard = await insertCard(s.id, { status: 'pending' })
    const good = path(await buildLink(config, 'feed', s.id, Date.now()))
    const asIcs = (purpose: 'manage' | 'unsubscribe' | 'renewed') =>
      buildLink(config, purpose, s.id, Date.now()).then((u) => `${path(u).replace(`/${purpose}/`, '/calendar/')}.ics`)
    const bad = [
      good.replace(s.id, `${s.id.slice(0, -1)}x`),
      await asIcs('manage'),
      await asIcs('unsubscribe'),
      path(await buildLink(config, 'feed', s.id, Date.now() - 4 * 366 * 86_400_000)),
      path(await buildLink(config, 'feed', pendingSub.id, Date.now())),
      path(await buildLink(config, 'calendar', pendingCard.id, Date.now())),
      path(await buildLink(config, 'feed', 'no-such-subscriber', Date.now())),
      good.replace('.ics', ''),
    ]
    for (const url of bad) {
      const res = await app.request(url, {}, env)
      expect(res.status, url).toBeGreaterThanOrEqual(400)
      expect(res.status, url).toBeLessThan(500)
      const text = await res.text()
      expect(text).not.toContain('Secret label')
      expect(text).not.toContain('BEGIN:VCALENDAR')
      expect(text).not.toContain('/manage/')
    }
  })

  it('a feed token never opens the manage page', async () => {
    const s = await insertSubscriber()
    const token = path(await buildLink(config, 'feed', s.id, Date.now()))
      .replace('/calendar/', '')
      .replace('.ics', '')
    const res = await app.request(`/manage/${token}`, {}, env)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})
