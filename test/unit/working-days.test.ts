// The last safe day for bank/ATM/PPS top-ups across Hong Kong holidays, weekends and year ends.
import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  HOLIDAY_LISTS,
  holidaysKnownFor,
  isWorkingDay,
  lastSafeDay,
  lastSafeDayPassed,
} from '../../src/domain/working-days'
import { addDays } from '../../src/domain/zoned-time'

describe('holiday data', () => {
  it('carries 2026 and 2027, each with 17 dates in its own year, a source and an ISO check date', () => {
    expect(HOLIDAY_LISTS.map((l) => l.year)).toEqual([2026, 2027])
    for (const list of HOLIDAY_LISTS) {
      expect(list.dates).toHaveLength(17)
      expect(new Set(list.dates).size).toBe(17)
      for (const d of list.dates) expect(d.startsWith(`${list.year}-`)).toBe(true)
      expect(list.source).toMatch(/^https:\/\/www\.(info\.)?gov\.hk\//)
      expect(list.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
  })

  it('never lists a Sunday (a holiday on a Sunday is moved to a later day)', () => {
    for (const d of HOLIDAY_LISTS.flatMap((l) => l.dates)) {
      expect(new Date(`${d}T00:00:00Z`).getUTCDay()).not.toBe(0)
    }
  })

  it('knows 2026 and 2027 only', () => {
    expect(holidaysKnownFor(2026)).toBe(true)
    expect(holidaysKnownFor(2027)).toBe(true)
    expect(holidaysKnownFor(2028)).toBe(false)
  })
})

describe('isWorkingDay', () => {
  it('is false on weekends and general holidays, true on other weekdays', () => {
    expect(isWorkingDay('2026-12-24')).toBe(true) // Thu
    expect(isWorkingDay('2026-12-25')).toBe(false) // Christmas Day
    expect(isWorkingDay('2026-12-26')).toBe(false) // Sat (and a holiday)
    expect(isWorkingDay('2026-12-27')).toBe(false) // Sun
    expect(isWorkingDay('2026-12-28')).toBe(true) // Mon
    expect(isWorkingDay('2026-04-07')).toBe(false) // the day following Easter Monday 2026
    expect(isWorkingDay('2027-02-09')).toBe(false) // fourth day of Lunar New Year 2027
    expect(isWorkingDay('2027-02-10')).toBe(true)
  })

  it('knows only weekends beyond the lists', () => {
    expect(isWorkingDay('2028-12-25')).toBe(true) // a Monday; 2028 holidays are not carried
    expect(isWorkingDay('2028-12-24')).toBe(false) // Sunday
  })
})

describe('lastSafeDay', () => {
  it('follows the contract example across Christmas 2026', () => {
    expect(lastSafeDay('2026-12-29')).toBe('2026-12-24')
  })

  it('steps over Christmas Day and the Saturday holiday after it', () => {
    expect(lastSafeDay('2026-12-28')).toBe('2026-12-23')
    expect(lastSafeDay('2026-12-30')).toBe('2026-12-28')
  })

  it('counts from the last working day when E is a weekend or a holiday', () => {
    expect(lastSafeDay('2026-12-26')).toBe('2026-12-22') // Sat holiday → counts from Thu 24
    expect(lastSafeDay('2026-12-25')).toBe('2026-12-22') // Christmas Day
    expect(lastSafeDay('2026-12-27')).toBe('2026-12-22') // Sunday
  })

  it('crosses the year boundary and New Year’s Day 2027', () => {
    expect(lastSafeDay('2027-01-04')).toBe('2026-12-30')
    expect(lastSafeDay('2027-01-03')).toBe('2026-12-29')
    expect(lastSafeDay('2027-01-05')).toBe('2026-12-31')
  })

  it('steps over Lunar New Year 2027 (Sat 6, Mon 8, Tue 9 Feb)', () => {
    expect(lastSafeDay('2027-02-10')).toBe('2027-02-04')
    expect(lastSafeDay('2027-02-11')).toBe('2027-02-05')
    expect(lastSafeDay('2027-02-09')).toBe('2027-02-03')
  })

  it('steps over Easter 2027 and Ching Ming', () => {
    expect(lastSafeDay('2027-03-30')).toBe('2027-03-24')
    expect(lastSafeDay('2027-03-31')).toBe('2027-03-25')
    expect(lastSafeDay('2027-04-06')).toBe('2027-04-01')
  })

  it('steps over Christmas 2027 (Mon 27 Dec is the holiday in substitution)', () => {
    expect(lastSafeDay('2027-12-28')).toBe('2027-12-23')
  })

  it('uses weekends only beyond 2027', () => {
    expect(lastSafeDay('2028-12-25')).toBe('2028-12-21') // Mon: counts as working, so Thu 21
    expect(lastSafeDay('2028-12-27')).toBe('2028-12-25')
  })

  it('matches the definition for every expiry from 2026 to 2028', () => {
    for (let e = '2026-01-05'; e <= '2028-12-31'; e = addDays(e, 1)) {
      const d = lastSafeDay(e)
      expect(isWorkingDay(d)).toBe(true)
      expect(addWorkingDays(d, 2) <= e).toBe(true)
      // the next working day after D would be too late
      expect(addWorkingDays(addWorkingDays(d, 1), 2) > e).toBe(true)
    }
  })
})

describe('lastSafeDayPassed', () => {
  it('is false up to and on the last safe day, true from the day after', () => {
    expect(lastSafeDayPassed('2026-12-29', '2026-12-20')).toBe(false)
    expect(lastSafeDayPassed('2026-12-29', '2026-12-24')).toBe(false)
    expect(lastSafeDayPassed('2026-12-29', '2026-12-25')).toBe(true)
    expect(lastSafeDayPassed('2026-12-29', '2026-12-29')).toBe(true)
  })
})
