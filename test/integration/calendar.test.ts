// GET /calendar/{token}.ics: the card's expiry as a valid all-day event; bad links get 4xx and no data.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { buildLink } from '../../src/links'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'

const config = { publicUrl: 'https://simkeep.test', signingSecret: env.SIGNING_SECRET ?? '' }
const path = (url: string) => url.replace('https://simkeep.test', '')
const unfold = (s: string) => s.replace(/\r\n /g, '')

beforeEach(clearAll)

describe('GET /calendar/{token}.ics', () => {
  it('answers text/calendar with an all-day event on the expiry and a stable UID', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const card = await insertCard(s.id, { label: 'Work; SIM, HK', expiresOn: '2027-03-31' })
    const url = await buildLink(config, 'calendar', card.id, Date.now())
    expect(url).toMatch(/^https:\/\/simkeep\.test\/calendar\/.+\.ics$/)
    const res = await app.request(path(url), {}, env)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const body = await res.text()
    const lines = unfold(body).split('\r\n')
    expect(lines).toContain('DTSTART;VALUE=DATE:20270331')
    expect(lines).toContain('SUMMARY:Work\\; SIM\\, HK: last day of validity')
    const uid = lines.find((l) => l.startsWith('UID:'))
    const again = unfold(await (await app.request(path(url), {}, env)).text()).split('\r\n')
    expect(again.find((l) => l.startsWith('UID:'))).toBe(uid)
    expect(lines.some((l) => l.startsWith('DTSTAMP:'))).toBe(true)
  })

  it('follows the stored expiry after a renewal', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { expiresOn: '2027-03-31' })
    const url = await buildLink(config, 'calendar', card.id, Date.now())
    await env.DB.prepare("UPDATE cards SET expires_on = '2027-09-27' WHERE id = ?1").bind(card.id).run()
    const body = await (await app.request(path(url), {}, env)).text()
    expect(body).toContain('DTSTART;VALUE=DATE:20270927')
  })

  it('a tampered, wrong-purpose or expired token gets 4xx and no data', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { label: 'Secret label', expiresOn: '2027-03-31' })
    const good = path(await buildLink(config, 'calendar', card.id, Date.now()))
    const tampered = good.replace(card.id, `${card.id.slice(0, -1)}x`)
    const wrongPurpose = `${path(await buildLink(config, 'renewed', card.id, Date.now()))}.ics`.replace(
      '/renewed/',
      '/calendar/',
    )
    const expired = path(await buildLink(config, 'calendar', card.id, Date.now() - 401 * 86_400_000))
    for (const bad of [tampered, wrongPurpose, expired, good.replace('.ics', '')]) {
      const res = await app.request(bad, {}, env)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      const text = await res.text()
      expect(text).not.toContain('Secret label')
      expect(text).not.toContain('BEGIN:VCALENDAR')
    }
  })

  it('a pending card has no calendar', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { status: 'pending' })
    const res = await app.request(path(await buildLink(config, 'calendar', card.id, Date.now())), {}, env)
    expect(res.status).toBe(404)
  })
})
