// "I've renewed": GET suggests old expiry + cycle and changes nothing; POST saves and reschedules.
import { beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src/domain/zoned-time'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { get, hkDate, post, row, snapshot, tamper, token } from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

describe('renewed', () => {
  it('GET shows the old expiry plus the cycle in an editable date field, and changes nothing', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const expires = hkDate(5)
    const card = await insertCard(s.id, { expiresOn: expires, cycleDays: 90, label: '<b>x</b>' })
    const tok = await token('renewed', card.id)
    const before = await snapshot()
    const res = await get(`/renewed/${tok}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`name="expires_on"`)
    expect(html).toContain(`value="${addDays(expires, 90)}"`)
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(await snapshot()).toBe(before)
  })

  it('POST applies the new expiry, restarts reminders from now', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    const card = await insertCard(s.id, { expiresOn: hkDate(2), cycleDays: 30, nextDueAt: 1, activeFrom: 0 })
    const tok = await token('renewed', card.id)
    const t0 = Date.now()
    const newDate = hkDate(32)
    const res = await post(`/renewed/${tok}`, { expires_on: newDate })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('新日期已儲存')
    // The done page leads back to this address's manage page.
    const manage = html.match(/href="(\/manage\/[^"]+)"/)?.[1]
    expect(manage).toBeTruthy()
    const page = await get(manage as string)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(s.email)
    const r = await row<Record<string, unknown>>('SELECT * FROM cards WHERE id = ?1', card.id)
    expect(r?.expires_on).toBe(newDate)
    expect(r?.active_from as number).toBeGreaterThanOrEqual(t0)
    // The old schedule (next_due_at = 1) is gone: reminders for the old date stop.
    expect(r?.next_due_at).not.toBe(1)
  })

  it('a bad date re-shows the form with 422 and changes nothing', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { expiresOn: hkDate(2) })
    const tok = await token('renewed', card.id)
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
    const good = await token('renewed', card.id)
    const bad = [
      tamper(good),
      await token('renewed', card.id, Date.now() - 200 * 86_400_000),
      await token('unsubscribe', card.id),
      await token('renewed', pending.id),
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
})
