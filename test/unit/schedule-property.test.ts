// Property: driving planCard the way the hourly cron does sends every occurrence the rules call
// for exactly once, for random cards, timezones, SEND_HOURs and confirmation times.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scheduleFields } from '../../src/domain/activation'
import { planCard, type ScheduleInput } from '../../src/domain/schedule'
import { addDays, zonedInstant } from '../../src/domain/zoned-time'

const HOUR = 3_600_000
const START = Date.parse('2026-12-01T00:00:00Z')
const END = START + 400 * 24 * HOUR
const ZONES = [
  'Asia/Hong_Kong',
  'America/New_York',
  'Europe/London',
  'Pacific/Kiritimati',
  'America/Los_Angeles',
  'Australia/Lord_Howe',
  'America/Santiago',
]

/**
 * The contract's rules enumerated directly (hourly runs, so no catch-up ever applies): reminders on
 * E−L, the expired notice on E and its follow-up on E+1 (auto-renewal off), "did it renew?" on E+1
 * (auto-renewal on), balance checks on the 1st until the schedule ends.
 */
function oracle(c: ScheduleInput, tz: string, hour: number): string[] {
  const out: string[] = []
  const from = c.activeFrom ?? Number.NEGATIVE_INFINITY
  const add = (key: string, due: number) => {
    if (due >= from && due <= END) out.push(key)
  }
  let e = c.expiresOn
  let last = END
  for (let k = 0; k < 20; k++) {
    for (const lead of c.leadDays) {
      if (lead === 0 && !c.autoRenew) continue
      add(`r:${c.id}:${e}:${lead}`, zonedInstant(addDays(e, -lead), hour, tz))
    }
    const dayAfter = zonedInstant(addDays(e, 1), hour, tz)
    if (!c.autoRenew) {
      last = zonedInstant(e, hour, tz)
      add(`x:${c.id}:${e}`, last)
      // No edit or renewal in these runs, so the follow-up is owed (contract: "unless the card was
      // renewed or edited since"), even for a card confirmed after the notice was due.
      add(`f:${c.id}:${e}`, dayAfter)
      break
    }
    // "Did it renew?" on the day after each expiry the card rolls past.
    add(`a:${c.id}:${e}`, dayAfter)
    e = addDays(e, c.cycleDays as number)
  }
  if (c.balanceCheck === 'monthly') {
    for (let m = 0; m < 15; m++) {
      const d = new Date(Date.UTC(2026, 11 + m, 1)).toISOString().slice(0, 10)
      const due = zonedInstant(d, hour, tz)
      if (due <= last) add(`b:${c.id}:${d.slice(0, 7)}`, due)
    }
  }
  return out.sort()
}

function simulate(c: ScheduleInput, tz: string, hour: number): string[] {
  // Confirmation stores what scheduleFields says (as the confirm route does); anything due exactly
  // then is owed too and goes out with the next run.
  const stored = scheduleFields(c, tz, hour, c.activeFrom ?? START)
  let expiresOn = stored.expiresOn
  let next: number | null = stored.nextDueAt
  const sent: string[] = []
  for (let t = START; t <= END; t += HOUR) {
    if (next === null || next > t) continue
    const p = planCard({ ...c, expiresOn, handledBefore: next }, tz, hour, t)
    sent.push(...p.due.map((o) => o.key))
    expiresOn = p.expiresOn
    next = p.nextDueAt
  }
  return sent.sort()
}

describe('planCard under an hourly cron', () => {
  it('sends exactly the occurrences the rules call for, each once', () => {
    const day = fc.integer({ min: 0, max: 330 }).map((d) => new Date(START + d * 24 * HOUR).toISOString().slice(0, 10))
    fc.assert(
      fc.property(
        fc.record({
          expiresOn: day,
          leadDays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
          autoRenew: fc.boolean(),
          // Longer than any lead: a shorter cycle overlaps reminders of consecutive expiries.
          cycleDays: fc.integer({ min: 62, max: 400 }),
          balanceCheck: fc.constantFrom('monthly' as const, 'none' as const),
          tz: fc.constantFrom(...ZONES),
          hour: fc.integer({ min: 0, max: 23 }),
          confirmedAfterHours: fc.integer({ min: 0, max: 24 * 60 }),
        }),
        (r) => {
          const card: ScheduleInput = {
            id: 'c',
            label: '',
            carrier: null,
            expiresOn: r.expiresOn,
            leadDays: [...r.leadDays].sort((a, b) => b - a),
            autoRenew: r.autoRenew,
            cycleDays: r.cycleDays,
            balanceCheck: r.balanceCheck,
            activeFrom: START + r.confirmedAfterHours * HOUR,
          }
          const sent = simulate(card, r.tz, r.hour)
          expect(new Set(sent).size).toBe(sent.length)
          expect(sent).toEqual(oracle(card, r.tz, r.hour))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('with missed runs: never a duplicate, never an occurrence outside the rules, one per run', () => {
    fc.assert(
      fc.property(
        fc.record({
          expiresOn: fc
            .integer({ min: 0, max: 330 })
            .map((d) => new Date(START + d * 24 * HOUR).toISOString().slice(0, 10)),
          leadDays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 }),
          autoRenew: fc.boolean(),
          cycleDays: fc.integer({ min: 62, max: 400 }),
          tz: fc.constantFrom(...ZONES),
          hour: fc.integer({ min: 0, max: 23 }),
          gaps: fc.array(fc.integer({ min: 1, max: 24 * 20 }), { minLength: 20, maxLength: 200 }),
        }),
        (r) => {
          const card: ScheduleInput = {
            id: 'c',
            label: '',
            carrier: null,
            expiresOn: r.expiresOn,
            leadDays: [...r.leadDays].sort((a, b) => b - a),
            autoRenew: r.autoRenew,
            cycleDays: r.cycleDays,
            balanceCheck: 'none',
            activeFrom: START,
          }
          const allowed = new Set(oracle(card, r.tz, r.hour))
          const stored = scheduleFields(card, r.tz, r.hour, START)
          let expiresOn = stored.expiresOn
          let next: number | null = stored.nextDueAt
          const sent: string[] = []
          let t = START
          for (const gap of r.gaps) {
            t += gap * HOUR
            if (t > END || next === null) break
            if (next > t) continue
            const p = planCard({ ...card, expiresOn, handledBefore: next }, r.tz, r.hour, t)
            expect(p.due.length).toBeLessThanOrEqual(1)
            sent.push(...p.due.map((o) => o.key))
            expiresOn = p.expiresOn
            next = p.nextDueAt
          }
          expect(new Set(sent).size).toBe(sent.length)
          for (const key of sent) expect(allowed.has(key)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
