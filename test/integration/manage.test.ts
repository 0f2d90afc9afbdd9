// The manage page behind a signed link: list, edit, add, remove, language/timezone, resubscribe,
// suppression reasons, delete everything (with a confirmation step), and bad links.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { get, hkDate, post, renewedToken, row, snapshot, tamper, token } from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

async function setup(over: Parameters<typeof insertSubscriber>[0] = {}) {
  const s = await insertSubscriber({ locale: 'en', ...over })
  const card = await insertCard(s.id, { label: 'Work SIM', expiresOn: hkDate(20), nextDueAt: 1 })
  const base = `/manage/${await token('manage', s.id)}`
  return { s, card, base }
}

const cardFields = (over: Record<string, string | string[]> = {}) => ({
  expires_on: hkDate(60),
  label: 'Renamed',
  carrier: 'csl',
  cycle_days: '90',
  lead_days: ['7', '1'],
  balance_check: 'none',
  ...over,
})

describe('manage', () => {
  it('GET lists the cards with edit forms using the sign-up field names, and changes nothing', async () => {
    const { base, card } = await setup()
    const before = await snapshot()
    const res = await get(base)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Work SIM')
    expect(html).toContain('Reminders: 14 days before, 7 days before and 1 day before.')
    expect(html).toContain(`action="${base}/cards/${card.id}"`)
    for (const name of ['expires_on', 'cycle_days', 'lead_days', 'label', 'carrier', 'balance_check', 'auto_renew']) {
      expect(html).toContain(`name="${name}"`)
    }
    expect(html).toContain(`action="${base}/settings"`)
    expect(html).toContain(`href="${base}/delete"`)
    expect(await snapshot()).toBe(before)
  })

  it('offers the address’s calendar feed to subscribe (webcal://) and to download; it lists the cards', async () => {
    const { s, base } = await setup()
    await insertCard(s.id, { label: 'Travel SIM', expiresOn: hkDate(90) })
    const html = await (await get(base)).text()
    const subscribe = html.match(/href="(webcal:\/\/[^"]+\/calendar\/[^"]+\.ics)"/)?.[1]
    const download = html.match(/href="(https?:\/\/[^"]+\/calendar\/[^"]+\.ics)" download/)?.[1]
    expect(subscribe).toBeDefined()
    expect(download?.replace(/^https?:/, 'webcal:')).toBe(subscribe)
    const res = await get(new URL(download ?? '').pathname)
    expect(res.status).toBe(200)
    const ics = await res.text()
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    expect(ics).toContain('Work SIM')
    expect(ics).toContain('Travel SIM')
    // The feed link is for the calendar only: it does not open the manage page.
    const feedToken = new URL(download ?? '').pathname.split('/')[2]?.replace('.ics', '')
    expect((await get(`/manage/${feedToken}`)).status).toBeGreaterThanOrEqual(400)
  })

  it('calls an unnamed card by its carrier, as its emails do, and "SIM card" only without one', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(s.id, { label: '', carrier: 'cmhk', expiresOn: hkDate(20) })
    await insertCard(s.id, { label: '', carrier: null, expiresOn: hkDate(40) })
    const html = (await (await get(`/manage/${await token('manage', s.id)}`)).text()).replace(/<[^>]+>/g, '|')
    expect(html).toContain('|中國移動香港|')
    expect(html).not.toContain('中國移動香港 · ')
    expect(html).toContain('|SIM 卡|')
  })

  it('shows a self-renewing plan’s fee beside "auto-renewal on", and only that when none was given', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    await insertCard(s.id, {
      label: 'Fee',
      expiresOn: hkDate(20),
      autoRenew: true,
      cycleDays: 30,
      renewalFeeCents: 9800,
    })
    await insertCard(s.id, { label: 'No fee', expiresOn: hkDate(40), autoRenew: true, cycleDays: 30 })
    const html = await (await get(`/manage/${await token('manage', s.id)}`)).text()
    expect(html).toContain('Auto-renewal on (HK$98 each time)')
    expect(html.match(/Auto-renewal on</g)).toHaveLength(1)
  })

  it('shows each card’s renewal cycle, so a saved choice can be checked without opening the card', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(s.id, { label: '季卡', expiresOn: hkDate(20), cycleDays: 90 })
    await insertCard(s.id, { label: '不清楚', expiresOn: hkDate(40), cycleDays: null })
    const html = (await (await get(`/manage/${await token('manage', s.id)}`)).text()).replace(/<[^>]+>/g, '')
    expect(html.match(/每次有效 \d+ 日/g)).toEqual(['每次有效 90 日'])
  })

  it('says when the next email is only the monthly balance check, not the renewal reminder', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    // 80 days out, reminded 14 days before: the balance check on the 1st comes first.
    await insertCard(s.id, { label: 'Checked', expiresOn: hkDate(80), leadDays: [14], balanceCheck: 'monthly' })
    await insertCard(s.id, { label: 'Plain', expiresOn: hkDate(80), leadDays: [14] })
    const html = (await (await get(`/manage/${await token('manage', s.id)}`)).text()).replace(/<[^>]+>/g, '')
    expect(html.match(/Next email: the balance check on \d{1,2} \w+ \d{4}/g)).toHaveLength(1)
    expect(html.match(/Next reminder: \d{1,2} \w+ \d{4}/g)).toHaveLength(1)
    expect(html.indexOf('Next email: the balance check')).toBeLessThan(html.indexOf('Plain'))
  })

  it('offers no calendar while the address has no active card', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const html = await (await get(`/manage/${await token('manage', s.id)}`)).text()
    expect(html).not.toContain('webcal://')
    expect(html).not.toContain('/calendar/')
  })

  it('lists reminder days mid-sentence in lower case, and in natural Chinese', async () => {
    const en = await insertSubscriber({ locale: 'en' })
    await insertCard(en.id, { expiresOn: hkDate(20), leadDays: [7, 1, 0] })
    const enHtml = await (await get(`/manage/${await token('manage', en.id)}`)).text()
    expect(enHtml).toContain('Reminders: 7 days before, 1 day before and on the expiry day.')
    const hant = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(hant.id, { expiresOn: hkDate(20), leadDays: [7, 0] })
    const hantHtml = await (await get(`/manage/${await token('manage', hant.id)}`)).text()
    expect(hantHtml).toContain('提醒日子：到期前 7 日及到期當日。')
    const hans = await insertSubscriber({ locale: 'zh-Hans' })
    await insertCard(hans.id, { expiresOn: hkDate(20), leadDays: [7, 0] })
    const hansHtml = await (await get(`/manage/${await token('manage', hans.id)}`)).text()
    expect(hansHtml).toContain('提醒日期：到期前 7 天和到期当天。')
  })

  it('card forms leave checking to the server (novalidate), and a card never shows two "another number" inputs', async () => {
    const s = await insertSubscriber({ locale: 'en' })
    // Two days that are not presets, as only an old or hand-made request could store.
    const card = await insertCard(s.id, { expiresOn: hkDate(20), leadDays: [20, 10, 7] })
    const base = `/manage/${await token('manage', s.id)}`
    const html = await (await get(base)).text()
    expect(html).toMatch(new RegExp(`<form[^>]*action="${base}/cards/${card.id}"[^>]*novalidate`))
    expect(html).toMatch(new RegExp(`<form[^>]*action="${base}/cards"[^>]*novalidate`))
    expect(html.match(new RegExp(`id="c-${card.id}-lead-other"`, 'g'))).toHaveLength(1)
    expect(html).toMatch(new RegExp(`<input[^>]*id="c-${card.id}-lead-other"[^>]*value="20"`))
    // The other one stays chosen, as a ticked box, so saving keeps it.
    expect(html).toMatch(new RegExp(`<input[^>]*id="c-${card.id}-lead-10"[^>]*checked`))
    expect(html).toContain('<option value="" selected="">Not specified</option>')
    const renewed = await (await get(`/renewed/${await renewedToken(card)}`)).text()
    expect(renewed).toMatch(/<form[^>]*novalidate/)
  })

  it('edits a card (303 back with a flash) and restarts its schedule', async () => {
    const { base, card } = await setup()
    const t0 = Date.now()
    const res = await post(`${base}/cards/${card.id}`, cardFields())
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`${base}?done=saved`)
    const r = await row<Record<string, unknown>>('SELECT * FROM cards WHERE id = ?1', card.id)
    expect(r).toMatchObject({ label: 'Renamed', carrier: 'csl', cycle_days: 90, lead_days: '[7,1]', auto_renew: 0 })
    expect(r?.expires_on).toBe(hkDate(60))
    expect(r?.active_from as number).toBeGreaterThanOrEqual(t0)
    expect(r?.next_due_at).not.toBe(1)
    expect(await (await get(`${base}?done=saved`)).text()).toContain('Your changes are saved.')
  })

  it('a bad edit re-renders with 422, errors by the field, values kept, nothing saved', async () => {
    const { base, card } = await setup()
    const before = await snapshot()
    const res = await post(`${base}/cards/${card.id}`, cardFields({ cycle_days: '5000', label: 'Kept <i>' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain(`id="c-${card.id}-cycle_days-error"`)
    expect(html).toContain('value="Kept &lt;i&gt;"')
    expect(await snapshot()).toBe(before)
  })

  it('keeping a card’s past expiry while editing other fields is allowed', async () => {
    const s = await insertSubscriber()
    const card = await insertCard(s.id, { expiresOn: hkDate(-5) })
    const base = `/manage/${await token('manage', s.id)}`
    const res = await post(`${base}/cards/${card.id}`, cardFields({ expires_on: hkDate(-5) }))
    expect(res.status).toBe(303)
  })

  it('adds an active card at once, and removes one', async () => {
    const { s, base, card } = await setup()
    const add = await post(`${base}/cards`, cardFields({ label: 'Second' }))
    expect(add.status).toBe(303)
    expect(add.headers.get('location')).toBe(`${base}?done=added`)
    const added = await row<Record<string, unknown>>('SELECT * FROM cards WHERE label = ?1', 'Second')
    expect(added?.status).toBe('active')
    expect(added?.subscriber_id).toBe(s.id)

    const bad = await post(`${base}/cards`, cardFields({ expires_on: 'tomorrow' }))
    expect(bad.status).toBe(422)

    const rm = await post(`${base}/cards/${card.id}/remove`)
    expect(rm.status).toBe(303)
    expect(await row('SELECT * FROM cards WHERE id = ?1', card.id)).toBeNull()
  })

  it('removing a card takes two steps: a page that names it and changes nothing, then its button', async () => {
    const { base, card } = await setup()
    const manage = await (await get(base)).text()
    // The manage page links to the step; no form there removes a card in one tap.
    expect(manage).toContain(`href="${base}/cards/${card.id}/remove"`)
    expect(manage).not.toContain(`action="${base}/cards/${card.id}/remove"`)
    const before = await snapshot()
    const ask = await get(`${base}/cards/${card.id}/remove`)
    expect(ask.status).toBe(200)
    const html = await ask.text()
    expect(html).toContain('Remove this card?')
    expect(html).toContain('Work SIM')
    expect(html).toContain(`action="${base}/cards/${card.id}/remove"`)
    expect(html).toContain(`href="${base}"`)
    expect(await snapshot()).toBe(before)
    expect((await post(`${base}/cards/${card.id}/remove`)).status).toBe(303)
    expect(await row('SELECT 1 FROM cards WHERE id = ?1', card.id)).toBeNull()
    // Another address's card, or one already gone: the bad-link answer.
    expect((await get(`${base}/cards/${card.id}/remove`)).status).toBe(404)
  })

  it('cannot touch another address’s card', async () => {
    const { base } = await setup()
    const other = await insertSubscriber()
    const theirs = await insertCard(other.id)
    const before = await snapshot()
    expect((await post(`${base}/cards/${theirs.id}`, cardFields())).status).toBe(404)
    expect((await post(`${base}/cards/${theirs.id}/remove`)).status).toBe(404)
    expect(await snapshot()).toBe(before)
  })

  it('changes language and timezone; rejects unknown ones', async () => {
    const { s, base } = await setup()
    const res = await post(`${base}/settings`, { locale: 'zh-Hans', timezone: 'America/New_York' })
    expect(res.status).toBe(303)
    const r = await row<Record<string, unknown>>('SELECT locale, timezone FROM subscribers WHERE id = ?1', s.id)
    expect(r).toEqual({ locale: 'zh-Hans', timezone: 'America/New_York' })
    expect(await (await get(`${base}?done=settings`)).text()).toContain('语言和时区已保存')
    const bad = await post(`${base}/settings`, { locale: 'xx', timezone: 'Nowhere/Land' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('id="s-locale-error"')
    expect(html).toContain('id="s-timezone-error"')
  })

  it('says why mail stopped and what to do: bounced, complained, suppressed, unsubscribed', async () => {
    const cases: Array<[string, RegExp, RegExp, boolean]> = [
      ['bounced', /bounced/, /has a typo, delete your data below and sign up again/, true],
      ['complained', /marked as spam/, /Marked as spam by mistake\? You can switch emails back on/, true],
      ['suppressed', /mail provider blocks/, /sign up with another address/, false],
    ]
    for (const [reason, why, help, canResume] of cases) {
      const { base } = await setup({ suppressedAt: 5, suppressedReason: reason })
      const html = await (await get(base)).text()
      expect(html).toMatch(why)
      expect(html).toMatch(help)
      expect(html.includes(`action="${base}/resume"`)).toBe(canResume)
      // Mail is already stopped, so no unsubscribe offer.
      expect(html).not.toContain('href="/unsubscribe/')
    }
    const { base } = await setup({ status: 'unsubscribed', unsubscribedAt: 5 })
    const html = await (await get(base)).text()
    expect(html).toContain('You’ve unsubscribed')
    expect(html).toContain(`action="${base}/resubscribe"`)
    expect(html).not.toContain('href="/unsubscribe/')
  })

  it('switches mail back on after a bounce or complaint, and reminders are planned again', async () => {
    for (const reason of ['bounced', 'complained']) {
      const { s, card, base } = await setup({ suppressedAt: 5, suppressedReason: reason })
      await env.DB.prepare('UPDATE cards SET next_due_at = NULL WHERE id = ?1').bind(card.id).run()
      const res = await post(`${base}/resume`)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`${base}?done=resumed`)
      const sub = await row<{ suppressed_at: number | null; status: string }>(
        'SELECT suppressed_at, status FROM subscribers WHERE id = ?1',
        s.id,
      )
      expect(sub).toEqual({ suppressed_at: null, status: 'active' })
      const c = await row<{ next_due_at: number | null }>('SELECT next_due_at FROM cards WHERE id = ?1', card.id)
      expect(c?.next_due_at).toBeGreaterThan(Date.now() - 60_000)
      const page = await (await get(`${base}?done=resumed`)).text()
      expect(page).toContain('Emails are back on.')
      expect(page).not.toMatch(/bounced|marked as spam/)
    }
  })

  it('does not lift a block by the mail provider, nor touch an address that was never stopped', async () => {
    const blocked = await setup({ suppressedAt: 5, suppressedReason: 'suppressed' })
    const fine = await setup()
    const before = await snapshot()
    expect((await post(`${blocked.base}/resume`)).status).toBe(303)
    expect((await post(`${fine.base}/resume`)).status).toBe(303)
    expect(await snapshot()).toBe(before)
  })

  it('offers "stop all emails": a signed unsubscribe link whose page asks before changing anything', async () => {
    const { s, base } = await setup()
    const html = await (await get(base)).text()
    expect(html).toContain('Stop all emails')
    const href = html.match(/href="(\/unsubscribe\/[^"]+)"/)?.[1]
    expect(href).toBeTruthy()
    const before = await snapshot()
    const ask = await get(href as string)
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain(s.email)
    expect(await snapshot()).toBe(before)
    expect((await post(href as string)).status).toBe(200)
    expect((await row<{ status: string }>('SELECT status FROM subscribers WHERE id = ?1', s.id))?.status).toBe(
      'unsubscribed',
    )
  })

  it('joins Chinese sentences without a space, English ones with one', async () => {
    const zh = await insertSubscriber({ locale: 'zh-Hant' })
    await insertCard(zh.id, { expiresOn: hkDate(20), balanceCheck: 'monthly' })
    const zhHtml = await (await get(`/manage/${await token('manage', zh.id)}`)).text()
    expect(zhHtml).toMatch(/日。每月/)
    expect(zhHtml).not.toMatch(/。 /)
    const en = await insertSubscriber({ locale: 'en' })
    await insertCard(en.id, { expiresOn: hkDate(20), balanceCheck: 'monthly' })
    expect(await (await get(`/manage/${await token('manage', en.id)}`)).text()).toMatch(/before\. [A-Z]/)
  })

  it('resubscribes from the manage page', async () => {
    const { s, base } = await setup({ status: 'unsubscribed', unsubscribedAt: 5 })
    const res = await post(`${base}/resubscribe`)
    expect(res.status).toBe(303)
    expect((await row<{ status: string }>('SELECT status FROM subscribers WHERE id = ?1', s.id))?.status).toBe('active')
  })

  it('deletes all data after a confirmation step (the GET changes nothing)', async () => {
    const { s, base } = await setup()
    await env.DB.prepare(
      `INSERT INTO outbox (id, subscriber_id, kind, batch_key, to_email, message, status, next_attempt_at, created_at)
       VALUES ('o1', ?1, 'confirm', 'k', ?2, '{}', 'sent', 0, 0)`,
    )
      .bind(s.id, s.email)
      .run()
    const before = await snapshot()
    const ask = await get(`${base}/delete`)
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain(`action="${base}/delete"`)
    expect(await snapshot()).toBe(before)

    const res = await post(`${base}/delete`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Your data is deleted')
    expect(await row('SELECT * FROM subscribers WHERE id = ?1', s.id)).toBeNull()
    expect(await row('SELECT * FROM cards WHERE subscriber_id = ?1', s.id)).toBeNull()
    expect(await row('SELECT * FROM outbox WHERE subscriber_id = ?1', s.id)).toBeNull()
    // The link now leads nowhere, and says why (not "too old": no newer link would help).
    const gone = await get(base)
    expect(gone.status).toBe(410)
    expect(await gone.text()).toContain('這條連結已沒有相關資料')
    const page = await (await get(`${base}?lang=en`)).text()
    expect(page).toContain('Nothing is stored for this link')
    expect(page).not.toContain('too old')
  })

  it('rejects tampered, expired and wrong-purpose links on every manage route, changing nothing', async () => {
    const { s, card } = await setup()
    const good = await token('manage', s.id)
    const bad = [
      tamper(good),
      await token('manage', s.id, Date.now() - 200 * 86_400_000),
      await token('unsubscribe', s.id),
    ]
    const before = await snapshot()
    for (const tok of bad) {
      const base = `/manage/${tok}`
      const responses = [
        await get(base),
        await get(`${base}/delete`),
        await post(`${base}/cards/${card.id}`, cardFields()),
        await post(`${base}/cards/${card.id}/remove`),
        await post(`${base}/cards`, cardFields()),
        await post(`${base}/settings`, { locale: 'en', timezone: 'UTC' }),
        await post(`${base}/resubscribe`),
        await post(`${base}/resume`),
        await post(`${base}/delete`),
      ]
      for (const res of responses) {
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
      }
    }
    expect(await snapshot()).toBe(before)
  })

  it('escapes a script label on the manage page', async () => {
    const s = await insertSubscriber()
    await insertCard(s.id, { label: '<script>alert(1)</script>' })
    const html = await (await get(`/manage/${await token('manage', s.id)}`)).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
