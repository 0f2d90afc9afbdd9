// Single-purpose links stay single-purpose: no page reached by GET with a confirm, unsubscribe, renewed
// or calendar token, and no answer to the one-click POST, carries a manage link (contract, Routes).
import { exports } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard } from '../helpers/fixtures'
import { get, hkDate, ORIGIN, post, renewedToken, row, subscribeAndGetConfirm, token } from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

describe('pages behind single-purpose links', () => {
  it('carry no manage link; the pages a person lands on offer the lost-link form instead', async () => {
    const { email, confirm } = await subscribeAndGetConfirm()
    expect((await post(confirm)).status).toBe(200)
    const s = await row<{ id: string }>('SELECT id FROM subscribers WHERE email = ?1', email)
    const id = s?.id as string
    const card = await insertCard(id, { expiresOn: hkDate(20), cycleDays: 30 })
    const renewed = `/renewed/${await renewedToken(card)}`
    const calendar = `/calendar/${await token('calendar', card.id)}.ics`
    const unsubscribe = `/unsubscribe/${await token('unsubscribe', id)}`

    const answers: Array<[string, Response, boolean]> = [
      ['confirm link opened again', await get(confirm), true],
      ['unsubscribe page', await get(unsubscribe), false],
      ['renewed page', await get(renewed), false],
      ['calendar file', await get(calendar), false],
      ['renewed done', await post(renewed, { expires_on: hkDate(50) }), true],
      ['renewed link used again', await get(renewed), true],
      // RFC 8058: a mail client's POST with no Origin and no cookie.
      [
        'one-click unsubscribe',
        await exports.default.fetch(
          new Request(`${ORIGIN}${unsubscribe}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'List-Unsubscribe=One-Click',
          }),
        ),
        true,
      ],
    ]
    for (const [what, res, lostLinkForm] of answers) {
      expect(res.status, what).toBe(200)
      const body = await res.text()
      expect(body, what).not.toMatch(/\/manage\//)
      if (lostLinkForm) expect(body, what).toMatch(/<form[^>]*action="\/manage-link"/)
    }
  })
})
