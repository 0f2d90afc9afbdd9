// At most 20 cards per address (contract), said clearly where a card is added; and a rate limit on the
// manage page's changes, per client and per address.
import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_CARDS_PER_ADDRESS } from '../../src/domain/card-limit'
import { MANAGE_POSTS_PER_ADDRESS, MANAGE_POSTS_PER_CLIENT } from '../../src/routes/manage-limit'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertCard, insertSubscriber } from '../helpers/fixtures'
import { get, hkDate, newIp, post, row, subscribeAndGetConfirm, token } from '../helpers/web'

beforeEach(async () => {
  await clearAll()
  installFakeResend()
})

const countCards = async (id: string) =>
  (await row<{ n: number }>("SELECT count(*) AS n FROM cards WHERE subscriber_id = ?1 AND status = 'active'", id))?.n

const addFields = (label: string) => ({
  label,
  expires_on: hkDate(60),
  cycle_days: '30',
  lead_days: ['7'],
  balance_check: 'none',
})

describe('cards per address', () => {
  it('the manage page adds up to 20, then refuses the 21st with a localized message by "add a card"', async () => {
    const s = await insertSubscriber({ locale: 'zh-Hant' })
    for (let i = 0; i < MAX_CARDS_PER_ADDRESS - 1; i++) await insertCard(s.id, { label: `card ${i}` })
    const base = `/manage/${await token('manage', s.id)}`
    expect((await post(`${base}/cards`, addFields('the twentieth'))).status).toBe(303)
    expect(await countCards(s.id)).toBe(MAX_CARDS_PER_ADDRESS)

    const page = await (await get(base)).text()
    expect(page).toContain('這個電郵地址已有 20 張卡，已達上限')
    expect(page).not.toContain(`action="${base}/cards"`)

    // A script that posts anyway (as in the pass: 2,000 cards from one link) gets nowhere.
    for (let i = 0; i < 5; i++) {
      const res = await post(`${base}/cards`, addFields(`extra ${i}`), { 'accept-language': 'en' })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('已達上限')
    }
    expect(await countCards(s.id)).toBe(MAX_CARDS_PER_ADDRESS)
  })

  it('a confirmation beyond 20 cards is refused with the same message; the card waits, nothing changes', async () => {
    const { email, confirm } = await subscribeAndGetConfirm({ locale: 'en' })
    const s = await row<{ id: string }>('SELECT id FROM subscribers WHERE email = ?1', email)
    const id = s?.id as string
    for (let i = 0; i < MAX_CARDS_PER_ADDRESS; i++) await insertCard(id, { label: `card ${i}` })
    const res = await post(confirm)
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('This address already has 20 cards')
    expect(await row("SELECT id FROM cards WHERE subscriber_id = ?1 AND status = 'pending'", id)).not.toBeNull()
    expect((await row<{ status: string }>('SELECT status FROM subscribers WHERE id = ?1', id))?.status).toBe('pending')
  })
})

describe('manage changes are rate limited', () => {
  it(`per client: ${MANAGE_POSTS_PER_CLIENT} a minute, then a localized 429`, async () => {
    const a = await insertSubscriber({ locale: 'en' })
    const b = await insertSubscriber({ locale: 'en' })
    const ip = newIp()
    const statuses: number[] = []
    for (let i = 0; i <= MANAGE_POSTS_PER_CLIENT; i++) {
      const who = i % 2 ? a : b
      statuses.push(
        (await post(`/manage/${await token('manage', who.id)}/resume`, {}, { 'cf-connecting-ip': ip })).status,
      )
    }
    expect(statuses).toEqual([...Array(MANAGE_POSTS_PER_CLIENT).fill(303), 429])
    const over = await post(
      `/manage/${await token('manage', a.id)}/resume`,
      {},
      { 'cf-connecting-ip': ip, 'accept-language': 'en' },
    )
    expect(over.status).toBe(429)
    expect(await over.text()).toContain('Too many changes at once')
    // Another client is not affected.
    expect((await post(`/manage/${await token('manage', a.id)}/resume`)).status).toBe(303)
  })

  it(`per address: ${MANAGE_POSTS_PER_ADDRESS} an hour from any number of clients`, async () => {
    const s = await insertSubscriber({ locale: 'en' })
    const base = `/manage/${await token('manage', s.id)}`
    for (let i = 0; i < MANAGE_POSTS_PER_ADDRESS; i++) expect((await post(`${base}/resume`)).status).toBe(303)
    const res = await post(`${base}/cards`, addFields('one too many'))
    expect(res.status).toBe(429)
    expect(await countCards(s.id)).toBe(0)
    // Reading the page is not a change.
    expect((await get(base)).status).toBe(200)
  })
})
