// Scheduling rules at their exact boundaries: SEND_HOUR in far-off zones, DST, month ends,
// leap day, lead day 0, catch-up, auto-renewal and monthly balance checks.
import { describe, expect, it } from 'vitest'
import { scheduleFields } from '../../src/domain/activation'
import { stillWanted } from '../../src/domain/renewal'
import { nextOccurrence, planCard, type ScheduleInput } from '../../src/domain/schedule'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString())
const MIN = 60_000

function card(over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    id: 'c1',
    label: 'CMHK',
    carrier: 'cmhk',
    expiresOn: '2027-01-31',
    cycleDays: 180,
    leadDays: [14, 7, 1],
    autoRenew: false,
    balanceCheck: 'none',
    activeFrom: 0,
    ...over,
  }
}

const keys = (plan: { due: Array<{ key: string }> }) => plan.due.map((o) => o.key)

describe('pre-expiry reminders at SEND_HOUR local on day E−L', () => {
  it('Hong Kong: not at 08:59, due at 09:00 on E−7', () => {
    const c = card()
    // 2027-01-24 09:00 HKT = 01:00Z
    expect(keys(planCard(c, 'Asia/Hong_Kong', 9, at('2027-01-24T01:00:00Z') - MIN))).toEqual(['r:c1:2027-01-31:14'])
    const before = planCard(
      { ...c, handledBefore: at('2027-01-24T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-01-24T00:59:00Z'),
    )
    expect(before.due).toEqual([])
    expect(iso(before.nextDueAt)).toBe('2027-01-24T01:00:00.000Z')
    const on = planCard(
      { ...c, handledBefore: at('2027-01-24T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-01-24T01:00:00Z'),
    )
    expect(on.due).toEqual([
      {
        key: 'r:c1:2027-01-31:7',
        kind: 'reminder',
        expiresOn: '2027-01-31',
        leadDay: 7,
        dueAt: at('2027-01-24T01:00:00Z'),
      },
    ])
    expect(iso(on.nextDueAt)).toBe('2027-01-30T01:00:00.000Z')
  })

  it('Pacific/Kiritimati (UTC+14): E−1 at 09:00 local is 19:00Z two calendar days before E', () => {
    const c = card({ leadDays: [1], handledBefore: at('2027-01-29T19:00:00Z') })
    expect(planCard(c, 'Pacific/Kiritimati', 9, at('2027-01-29T18:59:00Z')).due).toEqual([])
    expect(keys(planCard(c, 'Pacific/Kiritimati', 9, at('2027-01-29T19:00:00Z')))).toEqual(['r:c1:2027-01-31:1'])
  })

  it('America/Los_Angeles (UTC−8): E−1 at 09:00 local is 17:00Z on E−1', () => {
    const c = card({ leadDays: [1], handledBefore: at('2027-01-30T17:00:00Z') })
    expect(planCard(c, 'America/Los_Angeles', 9, at('2027-01-30T16:59:00Z')).due).toEqual([])
    expect(keys(planCard(c, 'America/Los_Angeles', 9, at('2027-01-30T17:00:00Z')))).toEqual(['r:c1:2027-01-31:1'])
  })

  it('America/New_York across the March DST change', () => {
    // 8 Mar 2027 is EST (UTC−5); 14 Mar 2027, the day clocks spring forward, is EDT (UTC−4).
    const c = card({ expiresOn: '2027-03-15', leadDays: [7, 1] })
    expect(iso(planCard(c, 'America/New_York', 9, at('2027-03-01T00:00:00Z')).nextDueAt)).toBe(
      '2027-03-08T14:00:00.000Z',
    )
    const after7 = planCard(c, 'America/New_York', 9, at('2027-03-08T14:00:00Z'))
    expect(keys(after7)).toEqual(['r:c1:2027-03-15:7'])
    expect(iso(after7.nextDueAt)).toBe('2027-03-14T13:00:00.000Z')
    const h = { ...c, handledBefore: at('2027-03-14T13:00:00Z') }
    expect(planCard(h, 'America/New_York', 9, at('2027-03-14T12:59:00Z')).due).toEqual([])
    expect(keys(planCard(h, 'America/New_York', 9, at('2027-03-14T13:00:00Z')))).toEqual(['r:c1:2027-03-15:1'])
  })

  it('America/New_York across the November DST change', () => {
    // 1 Nov 2026 is the first day of EST: 09:00 local = 14:00Z (13:00Z the day before).
    const c = card({ expiresOn: '2026-11-02', leadDays: [2, 1], activeFrom: at('2026-10-01T00:00:00Z') })
    expect(iso(planCard(c, 'America/New_York', 9, at('2026-10-31T00:00:00Z')).nextDueAt)).toBe(
      '2026-10-31T13:00:00.000Z',
    )
    const h = { ...c, handledBefore: at('2026-11-01T14:00:00Z') }
    expect(planCard(h, 'America/New_York', 9, at('2026-11-01T13:59:00Z')).due).toEqual([])
    expect(keys(planCard(h, 'America/New_York', 9, at('2026-11-01T14:00:00Z')))).toEqual(['r:c1:2026-11-02:1'])
  })

  it('Europe/London across both DST changes', () => {
    // 25 Oct 2026: BST ends, so 09:00 is 09:00Z; on 24 Oct it is 08:00Z.
    const oct = card({ expiresOn: '2026-10-26', leadDays: [2, 1] })
    const o = planCard(oct, 'Europe/London', 9, at('2026-10-24T08:00:00Z'))
    expect(keys(o)).toEqual(['r:c1:2026-10-26:2'])
    expect(iso(o.nextDueAt)).toBe('2026-10-25T09:00:00.000Z')
    // 28 Mar 2027: BST starts, so 09:00 is 08:00Z.
    const mar = card({ expiresOn: '2027-03-29', leadDays: [1], handledBefore: at('2027-03-28T08:00:00Z') })
    expect(planCard(mar, 'Europe/London', 9, at('2027-03-28T07:59:00Z')).due).toEqual([])
    expect(keys(planCard(mar, 'Europe/London', 9, at('2027-03-28T08:00:00Z')))).toEqual(['r:c1:2027-03-29:1'])
  })

  it('counts back across month ends and the leap day', () => {
    // E−1 of 1 Mar 2028 is 29 Feb 2028; E−1 of 1 Mar 2027 is 28 Feb 2027; E−30 of 1 Mar 2027 is 30 Jan.
    const leap = card({ expiresOn: '2028-03-01', leadDays: [1] })
    expect(iso(planCard(leap, 'Asia/Hong_Kong', 9, at('2028-02-01T00:00:00Z')).nextDueAt)).toBe(
      '2028-02-29T01:00:00.000Z',
    )
    const plain = card({ expiresOn: '2027-03-01', leadDays: [30, 1] })
    expect(iso(planCard(plain, 'Asia/Hong_Kong', 9, at('2027-01-01T00:00:00Z')).nextDueAt)).toBe(
      '2027-01-30T01:00:00.000Z',
    )
    expect(iso(planCard(plain, 'Asia/Hong_Kong', 9, at('2027-02-01T00:00:00Z')).nextDueAt)).toBe(
      '2027-02-28T01:00:00.000Z',
    )
  })

  it('honours SEND_HOUR other than 9, including midnight', () => {
    const c = card({ leadDays: [1] })
    expect(iso(planCard(c, 'Asia/Hong_Kong', 0, at('2027-01-01T00:00:00Z')).nextDueAt)).toBe('2027-01-29T16:00:00.000Z')
    expect(iso(planCard(c, 'Asia/Hong_Kong', 23, at('2027-01-01T00:00:00Z')).nextDueAt)).toBe(
      '2027-01-30T15:00:00.000Z',
    )
  })
})

describe('lead day 0 and the expiry', () => {
  it('auto-renewal on: a day-0 reminder on E at SEND_HOUR, E passes at midnight, then "did it renew?" on E+1 rolls it', () => {
    const c = card({ expiresOn: '2028-02-29', leadDays: [0], autoRenew: true, cycleDays: 30 })
    const h = { ...c, handledBefore: at('2028-02-29T01:00:00Z') }
    expect(planCard(h, 'Asia/Hong_Kong', 9, at('2028-02-29T00:59:00Z')).due).toEqual([])
    const on = planCard(h, 'Asia/Hong_Kong', 9, at('2028-02-29T01:00:00Z'))
    expect(keys(on)).toEqual(['r:c1:2028-02-29:0'])
    // The expiry passes at 1 Mar 00:00 HKT = 29 Feb 16:00Z.
    expect(iso(on.nextDueAt)).toBe('2028-02-29T16:00:00.000Z')
    const roll = planCard({ ...c, handledBefore: on.nextDueAt }, 'Asia/Hong_Kong', 9, at('2028-02-29T16:00:00Z'))
    expect(roll.due).toEqual([])
    // The question is still to come: the old expiry stays stored until the run that asks it.
    expect(roll.expiresOn).toBe('2028-02-29')
    // 1 Mar 09:00 HKT: "did it renew?" about 29 Feb, the expiry that just rolled.
    expect(iso(roll.nextDueAt)).toBe('2028-03-01T01:00:00.000Z')
    const asked = planCard(
      { ...c, expiresOn: roll.expiresOn, handledBefore: roll.nextDueAt },
      'Asia/Hong_Kong',
      9,
      at('2028-03-01T01:00:00Z'),
    )
    expect(asked.due).toEqual([
      {
        key: 'a:c1:2028-02-29',
        kind: 'renew_check',
        expiresOn: '2028-02-29',
        leadDay: null,
        dueAt: at('2028-03-01T01:00:00Z'),
      },
    ])
    expect(asked.expiresOn).toBe('2028-03-30')
    expect(iso(asked.nextDueAt)).toBe('2028-03-30T01:00:00.000Z')
    const later = planCard(
      { ...c, expiresOn: asked.expiresOn, handledBefore: asked.nextDueAt },
      'Asia/Hong_Kong',
      9,
      at('2028-03-30T01:00:00Z'),
    )
    expect(keys(later)).toEqual(['r:c1:2028-03-30:0'])
  })

  it('never asks "did it renew?" about an expiry the card never had, even when a balance check falls then', () => {
    // E − cycle = 28 Feb 2027, so its E+1 question would fall at 1 Mar 00:00, the balance check's instant.
    const c = card({
      expiresOn: '2027-05-03',
      leadDays: [],
      autoRenew: true,
      cycleDays: 64,
      balanceCheck: 'monthly',
      activeFrom: at('2027-02-01T00:00:00Z'),
    })
    const run = planCard({ ...c, handledBefore: at('2027-03-01T00:00:00Z') }, 'UTC', 0, at('2027-03-01T00:00:00Z'))
    expect(keys(run)).toEqual(['b:c1:2027-03'])
    expect(run.expiresOn).toBe('2027-05-03')
  })

  it('"did it renew?" is dropped when the card was edited or renewed after E rolled', () => {
    const c = card({ expiresOn: '2028-03-30', leadDays: [0], autoRenew: true, cycleDays: 30 })
    // Edited at 1 Mar 03:00 HKT: scheduleFields replaces next_due_at, so the 09:00 question is gone.
    const edited = scheduleFields(c, 'Asia/Hong_Kong', 9, at('2028-02-29T19:00:00Z'))
    expect(iso(edited.nextDueAt)).toBe('2028-03-30T01:00:00.000Z')
  })

  it('auto-renewal off: the expired notice replaces the day-0 reminder, then the E+1 follow-up, then nothing', () => {
    const c = card({ expiresOn: '2027-01-31', leadDays: [7, 0], autoRenew: false })
    const h = { ...c, handledBefore: at('2027-01-31T01:00:00Z') }
    expect(planCard(h, 'Asia/Hong_Kong', 9, at('2027-01-31T00:59:00Z')).due).toEqual([])
    const on = planCard(h, 'Asia/Hong_Kong', 9, at('2027-01-31T01:00:00Z'))
    expect(on.due).toEqual([
      {
        key: 'x:c1:2027-01-31',
        kind: 'expired',
        expiresOn: '2027-01-31',
        leadDay: null,
        dueAt: at('2027-01-31T01:00:00Z'),
      },
    ])
    expect(on.expiresOn).toBe('2027-01-31')
    // 1 Feb 09:00 HKT
    expect(iso(on.nextDueAt)).toBe('2027-02-01T01:00:00.000Z')
    const follow = planCard({ ...c, handledBefore: on.nextDueAt }, 'Asia/Hong_Kong', 9, at('2027-02-01T01:00:00Z'))
    expect(keys(follow)).toEqual(['f:c1:2027-01-31'])
    expect(follow.due[0]?.kind).toBe('followup')
    expect(follow.nextDueAt).toBeNull()
  })

  it('auto-renewal off: no follow-up when the card was edited after the expired notice', () => {
    // Edited on E at 15:00 HKT, after the 09:00 notice, keeping the date.
    const afterNotice = at('2027-01-31T07:00:00Z')
    const c = card({ expiresOn: '2027-01-31', leadDays: [7], activeFrom: afterNotice, editedAt: afterNotice })
    const p = planCard(c, 'Asia/Hong_Kong', 9, afterNotice)
    expect(p.due).toEqual([])
    expect(p.nextDueAt).toBeNull()
    // Edited before the notice: both still go out.
    const before = at('2027-01-30T07:00:00Z')
    const early = card({ expiresOn: '2027-01-31', leadDays: [7], activeFrom: before, editedAt: before })
    expect(iso(planCard(early, 'Asia/Hong_Kong', 9, at('2027-01-31T01:00:00Z')).nextDueAt)).toBe(
      '2027-02-01T01:00:00.000Z',
    )
  })

  it('auto-renewal off: a card confirmed on its expiry day after the notice hour still gets the follow-up', () => {
    // Confirmed on E at 10:18 HKT: the 09:00 notice came before it and is never sent; E+1 09:00 is owed.
    const confirmed = at('2027-01-31T02:18:00Z')
    const c = card({ expiresOn: '2027-01-31', leadDays: [7, 1], activeFrom: confirmed })
    const now = planCard(c, 'Asia/Hong_Kong', 9, confirmed)
    expect(now.due).toEqual([])
    expect(iso(now.nextDueAt)).toBe('2027-02-01T01:00:00.000Z')
    const next = planCard({ ...c, handledBefore: now.nextDueAt }, 'Asia/Hong_Kong', 9, at('2027-02-01T01:00:00Z'))
    expect(keys(next)).toEqual(['f:c1:2027-01-31'])
    expect(nextOccurrence(c, 'Asia/Hong_Kong', 9, confirmed)?.kind).toBe('followup')
  })

  it('auto-renewal off without lead days still sends the expired notice', () => {
    const c = card({ leadDays: [] })
    expect(iso(planCard(c, 'Asia/Hong_Kong', 9, at('2027-01-01T00:00:00Z')).nextDueAt)).toBe('2027-01-31T01:00:00.000Z')
  })

  it('auto-renewal on without a cycle: reminders for E, "did it renew?" on E+1, then nothing (no expired notice)', () => {
    const c = card({ leadDays: [1], autoRenew: true, cycleDays: null })
    const p = planCard(
      { ...c, handledBefore: at('2027-01-30T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-01-30T01:00:00Z'),
    )
    expect(keys(p)).toEqual(['r:c1:2027-01-31:1'])
    expect(iso(p.nextDueAt)).toBe('2027-02-01T01:00:00.000Z')
    const asked = planCard({ ...c, handledBefore: p.nextDueAt }, 'Asia/Hong_Kong', 9, at('2027-02-01T01:00:00Z'))
    expect(keys(asked)).toEqual(['a:c1:2027-01-31'])
    expect(asked.expiresOn).toBe('2027-01-31')
    expect(asked.nextDueAt).toBeNull()
  })
})

describe('catch-up after missed runs', () => {
  it('sends only the most urgent overdue reminder and skips the rest', () => {
    const c = card({ leadDays: [14, 7, 1] })
    const p = planCard(c, 'Asia/Hong_Kong', 9, at('2027-01-30T05:00:00Z'))
    expect(keys(p)).toEqual(['r:c1:2027-01-31:1'])
    expect(p.skipped.map((o) => o.key)).toEqual(['r:c1:2027-01-31:14', 'r:c1:2027-01-31:7'])
  })

  it('after expiry, days late, only the follow-up goes out (it outranks the notice and every reminder)', () => {
    const p = planCard(card(), 'Asia/Hong_Kong', 9, at('2027-02-05T05:00:00Z'))
    expect(keys(p)).toEqual(['f:c1:2027-01-31'])
    expect(p.skipped).toHaveLength(4)
  })

  it('on the expiry day, late, the expired notice outranks every reminder', () => {
    const p = planCard(card(), 'Asia/Hong_Kong', 9, at('2027-01-31T10:00:00Z'))
    expect(keys(p)).toEqual(['x:c1:2027-01-31'])
    expect(p.skipped).toHaveLength(3)
  })

  it('after a long outage with auto-renewal, rolls several cycles, drops the old reminders, asks "did it renew?" late', () => {
    const c = card({ expiresOn: '2027-01-31', leadDays: [3], autoRenew: true, cycleDays: 30 })
    // Down from 20 Jan to 20 Mar: E rolls 31 Jan → 2 Mar → 1 Apr; 29 Mar is the next reminder.
    const p = planCard(
      { ...c, handledBefore: at('2027-01-28T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-03-20T00:00:00Z'),
    )
    expect(p.expiresOn).toBe('2027-04-01')
    // The question is about the last expiry passed (2 Mar): it asks the subscriber to check today's date.
    expect(keys(p)).toEqual(['a:c1:2027-03-02'])
    expect(iso(p.nextDueAt)).toBe('2027-03-29T01:00:00.000Z')
  })

  it('never sends what was due before the card was confirmed', () => {
    const confirmed = at('2027-01-20T00:00:00Z') // after E−14 (17 Jan), before E−7 (24 Jan)
    const c = card({ activeFrom: confirmed })
    const p = planCard(c, 'Asia/Hong_Kong', 9, confirmed)
    expect(p.due).toEqual([])
    expect(iso(p.nextDueAt)).toBe('2027-01-24T01:00:00.000Z')
  })

  it('does not count reminders handled by earlier runs as skipped', () => {
    const c = card({ handledBefore: at('2027-01-30T01:00:00Z') })
    const p = planCard(c, 'Asia/Hong_Kong', 9, at('2027-01-30T01:00:00Z'))
    expect(keys(p)).toEqual(['r:c1:2027-01-31:1'])
    expect(p.skipped).toEqual([])
  })
})

describe('monthly balance check', () => {
  const c = card({ expiresOn: '2028-12-31', leadDays: [], balanceCheck: 'monthly', autoRenew: true })

  it('is due on the 1st at SEND_HOUR local, not a minute before', () => {
    const h = { ...c, handledBefore: at('2027-02-01T01:00:00Z') }
    const before = planCard(h, 'Asia/Hong_Kong', 9, at('2027-02-01T00:59:00Z'))
    expect(before.due).toEqual([])
    expect(iso(before.nextDueAt)).toBe('2027-02-01T01:00:00.000Z')
    const on = planCard(h, 'Asia/Hong_Kong', 9, at('2027-02-01T01:00:00Z'))
    expect(keys(on)).toEqual(['b:c1:2027-02'])
    expect(iso(on.nextDueAt)).toBe('2027-03-01T01:00:00.000Z')
  })

  it('follows New York across DST (1 Apr is EDT, 1 Dec is EST)', () => {
    expect(iso(planCard(c, 'America/New_York', 9, at('2027-03-02T00:00:00Z')).nextDueAt)).toBe(
      '2027-04-01T13:00:00.000Z',
    )
    expect(iso(planCard(c, 'America/New_York', 9, at('2026-11-02T00:00:00Z')).nextDueAt)).toBe(
      '2026-12-01T14:00:00.000Z',
    )
  })

  it('in a zone ahead of UTC, the 1st starts on the last day of the month in UTC', () => {
    const p = planCard(
      { ...c, handledBefore: at('2027-02-28T19:00:00Z') },
      'Pacific/Kiritimati',
      9,
      at('2027-02-28T19:00:00Z'),
    )
    expect(keys(p)).toEqual(['b:c1:2027-03'])
  })

  it('after missed months, sends one balance check for the latest month', () => {
    const p = planCard(
      { ...c, handledBefore: at('2027-01-01T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-04-15T00:00:00Z'),
    )
    expect(keys(p)).toEqual(['b:c1:2027-04'])
  })

  it('stops after the expired notice and its follow-up when auto-renewal is off ("then nothing")', () => {
    const off = card({ expiresOn: '2027-03-01', leadDays: [], autoRenew: false, balanceCheck: 'monthly' })
    // 1 Mar is both a balance day and E: both go out, then nothing more.
    const p = planCard(
      { ...off, handledBefore: at('2027-03-01T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-03-01T01:00:00Z'),
    )
    expect(keys(p)).toEqual(['x:c1:2027-03-01', 'b:c1:2027-03'])
    expect(iso(p.nextDueAt)).toBe('2027-03-02T01:00:00.000Z')
    expect(nextOccurrence(off, 'Asia/Hong_Kong', 9, at('2027-03-02T00:00:00Z'))?.key).toBe('f:c1:2027-03-01')
    expect(nextOccurrence(off, 'Asia/Hong_Kong', 9, at('2027-03-02T02:00:00Z'))).toBeNull()
    const later = planCard(
      { ...off, handledBefore: at('2027-04-01T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-04-01T01:00:00Z'),
    )
    expect(later.due).toEqual([])
  })

  it('keeps going with auto-renewal on', () => {
    const on = card({ expiresOn: '2027-03-01', leadDays: [], autoRenew: true, cycleDays: 30, balanceCheck: 'monthly' })
    const p = planCard(
      { ...on, handledBefore: at('2027-04-01T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-04-01T01:00:00Z'),
    )
    // E rolled at midnight from 31 Mar: "did it renew?" falls on the same morning.
    expect(keys(p)).toEqual(['a:c1:2027-03-31', 'b:c1:2027-04'])
  })

  it('goes in the same plan as a reminder due at the same time, the reminder first', () => {
    const both = card({ expiresOn: '2027-02-08', leadDays: [7], balanceCheck: 'monthly' })
    const p = planCard(
      { ...both, handledBefore: at('2027-02-01T01:00:00Z') },
      'Asia/Hong_Kong',
      9,
      at('2027-02-01T01:00:00Z'),
    )
    expect(keys(p)).toEqual(['r:c1:2027-02-08:7', 'b:c1:2027-02'])
  })
})

describe('nextOccurrence and scheduleFields', () => {
  it('names the next reminder after confirmation', () => {
    const n = nextOccurrence(card(), 'Asia/Hong_Kong', 9, at('2027-01-20T00:00:00Z'))
    expect(n?.key).toBe('r:c1:2027-01-31:7')
  })

  it('looks into the next cycle when this expiry has nothing left', () => {
    const c = card({ leadDays: [7], autoRenew: true, cycleDays: 30 })
    expect(nextOccurrence(c, 'Asia/Hong_Kong', 9, at('2027-01-28T00:00:00Z'))?.key).toBe('r:c1:2027-03-02:7')
  })

  it('is null when nothing more will be sent', () => {
    expect(nextOccurrence(card(), 'Asia/Hong_Kong', 9, at('2027-02-01T02:00:00Z'))).toBeNull()
  })

  it('scheduleFields starts reminders from now', () => {
    const now = at('2027-01-20T00:00:00Z')
    const f = scheduleFields(card(), 'Asia/Hong_Kong', 9, now)
    expect(f).toEqual({ activeFrom: now, nextDueAt: at('2027-01-24T01:00:00Z'), expiresOn: '2027-01-31' })
  })
})

describe('an hourly cron driven by planCard alone', () => {
  // Drives planCard the way the cron does (stored next_due_at, stored expiry) and checks that
  // every occurrence the rules call for comes out exactly once, in order.
  function simulate(c: ScheduleInput, tz: string, start: number, hours: number) {
    let expiresOn = c.expiresOn
    let next: number | null = start
    const sent: string[] = []
    for (let h = 0; h < hours; h++) {
      const now = start + h * 3_600_000
      if (next === null || next > now) continue
      const p = planCard({ ...c, expiresOn, handledBefore: next }, tz, 9, now)
      sent.push(...p.due.map((o) => o.key))
      expiresOn = p.expiresOn
      next = p.nextDueAt
    }
    return sent
  }

  it('auto-renewal on, 90-day cycle, balance monthly, New York, for 400 days', () => {
    const c = card({
      expiresOn: '2027-01-10',
      leadDays: [14, 1],
      autoRenew: true,
      cycleDays: 90,
      balanceCheck: 'monthly',
    })
    const start = at('2026-12-15T00:00:00Z')
    const sent = simulate(c, 'America/New_York', start, 400 * 24)
    expect(sent).toEqual([
      'r:c1:2027-01-10:14',
      'b:c1:2027-01',
      'r:c1:2027-01-10:1',
      'a:c1:2027-01-10',
      'b:c1:2027-02',
      'b:c1:2027-03',
      'r:c1:2027-04-10:14',
      'b:c1:2027-04',
      'r:c1:2027-04-10:1',
      'a:c1:2027-04-10',
      'b:c1:2027-05',
      'b:c1:2027-06',
      'r:c1:2027-07-09:14',
      'b:c1:2027-07',
      'r:c1:2027-07-09:1',
      'a:c1:2027-07-09',
      'b:c1:2027-08',
      'b:c1:2027-09',
      'r:c1:2027-10-07:14',
      'b:c1:2027-10',
      'r:c1:2027-10-07:1',
      'a:c1:2027-10-07',
      'b:c1:2027-11',
      'b:c1:2027-12',
      'r:c1:2028-01-05:14',
      'b:c1:2028-01',
      'r:c1:2028-01-05:1',
      'a:c1:2028-01-05',
    ])
  })

  it('auto-renewal off: each reminder once, the expired notice and its follow-up once, then silence', () => {
    const c = card({ expiresOn: '2027-03-01', leadDays: [30, 7, 1, 0] })
    const sent = simulate(c, 'Europe/London', at('2027-01-01T00:00:00Z'), 400 * 24)
    expect(sent).toEqual([
      'r:c1:2027-03-01:30',
      'r:c1:2027-03-01:7',
      'r:c1:2027-03-01:1',
      'x:c1:2027-03-01',
      'f:c1:2027-03-01',
    ])
  })
})

describe('stillWanted: a queued email checked against the card just before sending', () => {
  const c = { expiresOn: '2027-03-02', cycleDays: 30, autoRenew: true }
  it('"did it renew?" fits while the card is at the expiry it rolled to, and not after a renewal or edit', () => {
    expect(stillWanted({ kind: 'renew_check', expiresOn: '2027-01-31' }, c)).toBe(true)
    expect(stillWanted({ kind: 'renew_check', expiresOn: '2027-01-31' }, { ...c, expiresOn: '2027-03-05' })).toBe(false)
    expect(stillWanted({ kind: 'renew_check', expiresOn: '2027-01-31' }, { ...c, autoRenew: false })).toBe(false)
    // Without a cycle E does not roll: the question is about the stored date itself.
    expect(
      stillWanted({ kind: 'renew_check', expiresOn: '2027-01-31' }, { ...c, expiresOn: '2027-01-31', cycleDays: null }),
    ).toBe(true)
  })
  it('other kinds fit only their own expiry; balance checks always', () => {
    expect(stillWanted({ kind: 'followup', expiresOn: '2027-03-02' }, c)).toBe(true)
    expect(stillWanted({ kind: 'expired', expiresOn: '2027-01-31' }, c)).toBe(false)
    expect(stillWanted({ kind: 'balance', expiresOn: null }, c)).toBe(true)
  })
})
