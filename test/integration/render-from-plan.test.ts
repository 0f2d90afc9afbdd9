// A run renders what it planned from the cards and addresses it read when planning: an edit in the seconds
// between planning and storing the email is still seen, as when render read the rows itself.
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { renewCard, updateCardSettings } from '../../src/db/cards'
import { updatePreferences } from '../../src/db/subscribers'
import { at, rows, run } from '../helpers/cron'
import { installFakeResend } from '../helpers/fake-network'
import { clearAll, insertScheduledCard, insertSubscriber } from '../helpers/fixtures'

const CONFIRMED = at('2027-01-01T00:00:00Z')
const DUE = at('2027-01-24T01:00:00Z') // E−7 at 09:00 HKT for E = 2027-01-31
const EDITED = DUE + 5_000

/** An address with one card due now, and a run that makes `edit` after planning, before rendering. */
async function runWithEditAfterPlanning(edit: (ids: { subscriber: string; card: string }) => Promise<unknown>) {
  const s = await insertSubscriber({ locale: 'en' })
  const card = await insertScheduledCard(s, { label: 'Old label', expiresOn: '2027-01-31', leadDays: [7] }, CONFIRMED)
  let edited = false
  const result = await run(DUE, {
    onStage: async (stage) => {
      if (stage !== 'claimed' || edited) return
      edited = true
      await edit({ subscriber: s.id, card: card.id })
    },
  })
  expect(edited).toBe(true)
  return { ...result, card }
}

const deliveries = () => rows<{ status: string }>('SELECT status FROM deliveries')

describe('rendering what the run planned', () => {
  beforeEach(clearAll)

  it('with no edit meanwhile: one email from the planned rows', async () => {
    const fake = installFakeResend()
    await runWithEditAfterPlanning(async () => {})
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.text).toContain('Old label')
    expect(await deliveries()).toEqual([{ status: 'emailed' }])
  })

  it('a card renamed meanwhile: the same run sends one email with the new name', async () => {
    const fake = installFakeResend()
    await runWithEditAfterPlanning(({ subscriber, card }) =>
      updateCardSettings(env.DB, {
        id: card,
        subscriberId: subscriber,
        settings: {
          label: 'New label',
          carrier: 'cmhk',
          expiresOn: '2027-01-31',
          cycleDays: 180,
          leadDays: [7],
          autoRenew: false,
          renewalFeeCents: null,
          balanceCheck: 'none',
        },
        now: EDITED,
        nextDueAt: at('2027-07-21T01:00:00Z'),
      }),
    )
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.text).toContain('New label')
    expect(fake.emails[0]?.text).not.toContain('Old label')
    expect(await deliveries()).toEqual([{ status: 'emailed' }])
    expect(await rows('SELECT 1 FROM outbox')).toHaveLength(1)
  })

  it('a card renewed meanwhile: no reminder about the old expiry, ever', async () => {
    const fake = installFakeResend()
    await runWithEditAfterPlanning(({ card }) =>
      renewCard(env.DB, { id: card, from: '2027-01-31', expiresOn: '2027-07-30', now: EDITED, nextDueAt: null }),
    )
    expect(fake.emails).toHaveLength(0)
    expect(await deliveries()).toEqual([{ status: 'cancelled' }])
    expect(await rows('SELECT 1 FROM outbox')).toHaveLength(0)
  })

  it('the language changed meanwhile: the email is in the new one', async () => {
    const fake = installFakeResend()
    await runWithEditAfterPlanning(({ subscriber }) =>
      updatePreferences(env.DB, subscriber, { locale: 'zh-Hant', timezone: 'Asia/Hong_Kong' }),
    )
    expect(fake.emails).toHaveLength(1)
    expect(fake.emails[0]?.subject).toMatch(/[\u4e00-\u9fff]/)
    expect(await deliveries()).toEqual([{ status: 'emailed' }])
  })

  it('the card deleted meanwhile: nothing is sent and nothing fails', async () => {
    const fake = installFakeResend()
    const { stats } = await runWithEditAfterPlanning(({ card }) =>
      env.DB.batch([
        env.DB.prepare('DELETE FROM deliveries WHERE card_id = ?1').bind(card),
        env.DB.prepare('DELETE FROM cards WHERE id = ?1').bind(card),
      ]),
    )
    expect(fake.emails).toHaveLength(0)
    expect(stats).toMatchObject({ failed: 0, stopped: null })
    expect(await rows('SELECT 1 FROM outbox')).toHaveLength(0)
  })
})
