// The confirmed page's early warning: the last safe day for slow top-ups when no reminder comes before it.
import { describe, expect, it } from 'vitest'
import { slowDeadlineBeforeFirstReminder } from '../../src/domain/first-deadline'

const at = (iso: string) => Date.parse(iso)
const HK = 'Asia/Hong_Kong'
const card = { expiresOn: '2026-12-29', autoRenew: false }

describe('slowDeadlineBeforeFirstReminder', () => {
  it('names the last safe day when the first reminder comes after it', () => {
    // Confirmed Mon 21 Dec; first reminder 28 Dec (1 day before); last safe day Thu 24 Dec (25–26 holidays).
    const d = slowDeadlineBeforeFirstReminder(card, at('2026-12-28T01:00:00Z'), HK, at('2026-12-21T04:00:00Z'))
    expect(d).toEqual({ date: '2026-12-24', passed: false })
    // No reminder left at all: the same.
    expect(slowDeadlineBeforeFirstReminder(card, null, HK, at('2026-12-21T04:00:00Z'))).toEqual({
      date: '2026-12-24',
      passed: false,
    })
  })

  it('says nothing when a reminder comes on or before that day', () => {
    expect(slowDeadlineBeforeFirstReminder(card, at('2026-12-24T01:00:00Z'), HK, at('2026-12-21T04:00:00Z'))).toBeNull()
    expect(slowDeadlineBeforeFirstReminder(card, at('2026-12-22T01:00:00Z'), HK, at('2026-12-21T04:00:00Z'))).toBeNull()
  })

  it('says the day has passed when confirmed after it, and nothing on the expiry day itself', () => {
    expect(slowDeadlineBeforeFirstReminder(card, null, HK, at('2026-12-27T04:00:00Z'))).toEqual({
      date: '2026-12-24',
      passed: true,
    })
    expect(slowDeadlineBeforeFirstReminder(card, null, HK, at('2026-12-29T04:00:00Z'))).toBeNull()
  })

  it('counts back from the day before the fee is taken for a plan that renews itself', () => {
    // Fee taken Thu 10 Dec 2026: money needed by Wed 9, so slow top-ups by Mon 7.
    const plan = { expiresOn: '2026-12-10', autoRenew: true }
    expect(slowDeadlineBeforeFirstReminder(plan, null, HK, at('2026-12-04T04:00:00Z'))).toEqual({
      date: '2026-12-07',
      passed: false,
    })
  })
})
