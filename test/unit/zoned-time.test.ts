// Timezone arithmetic: local send instants across DST, far-off zones and calendar edges.
import { describe, expect, it } from 'vitest'
import {
  addDays,
  daysBetween,
  isIsoDate,
  isValidTimeZone,
  localDate,
  todayIn,
  zonedInstant,
} from '../../src/domain/zoned-time'

const iso = (ms: number) => new Date(ms).toISOString()

describe('zonedInstant', () => {
  it('puts 09:00 Hong Kong at 01:00 UTC', () => {
    expect(iso(zonedInstant('2026-12-03', 9, 'Asia/Hong_Kong'))).toBe('2026-12-03T01:00:00.000Z')
  })

  it('follows New York across its DST changes', () => {
    // EDT (UTC−4) before 1 Nov 2026, EST (UTC−5) after; EDT again from 14 Mar 2027.
    expect(iso(zonedInstant('2026-10-31', 9, 'America/New_York'))).toBe('2026-10-31T13:00:00.000Z')
    expect(iso(zonedInstant('2026-11-01', 9, 'America/New_York'))).toBe('2026-11-01T14:00:00.000Z')
    expect(iso(zonedInstant('2027-03-13', 9, 'America/New_York'))).toBe('2027-03-13T14:00:00.000Z')
    expect(iso(zonedInstant('2027-03-14', 9, 'America/New_York'))).toBe('2027-03-14T13:00:00.000Z')
  })

  it('follows London across its DST changes', () => {
    expect(iso(zonedInstant('2027-03-27', 9, 'Europe/London'))).toBe('2027-03-27T09:00:00.000Z')
    expect(iso(zonedInstant('2027-03-28', 9, 'Europe/London'))).toBe('2027-03-28T08:00:00.000Z')
    expect(iso(zonedInstant('2026-10-25', 9, 'Europe/London'))).toBe('2026-10-25T09:00:00.000Z')
  })

  it('moves a wall-clock hour that does not exist to just after the jump', () => {
    // 02:00 on 14 Mar 2027 does not exist in New York: clocks go from 02:00 to 03:00 EDT.
    expect(iso(zonedInstant('2027-03-14', 2, 'America/New_York'))).toBe('2027-03-14T07:00:00.000Z')
  })

  it('handles zones far from Hong Kong on both sides of the date line', () => {
    expect(iso(zonedInstant('2026-12-03', 9, 'Pacific/Kiritimati'))).toBe('2026-12-02T19:00:00.000Z')
    expect(iso(zonedInstant('2026-12-03', 9, 'Pacific/Pago_Pago'))).toBe('2026-12-03T20:00:00.000Z')
  })
})

describe('localDate', () => {
  it('gives the calendar day in the zone, not in UTC', () => {
    const t = Date.parse('2026-12-02T20:00:00Z')
    expect(localDate(t, 'Asia/Hong_Kong')).toBe('2026-12-03')
    expect(localDate(t, 'America/Los_Angeles')).toBe('2026-12-02')
  })
})

describe('calendar helpers', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('counts days between dates', () => {
    expect(daysBetween('2026-11-25', '2026-12-03')).toBe(8)
    expect(daysBetween('2026-12-03', '2026-11-25')).toBe(-8)
  })

  it('accepts only real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2027-02-29')).toBe(false)
    expect(isIsoDate('2026-13-01')).toBe(false)
    expect(isIsoDate('2026-1-01')).toBe(false)
  })

  it('knows IANA zone names', () => {
    expect(isValidTimeZone('Asia/Hong_Kong')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
  })
})

describe('todayIn', () => {
  it('turns over at local midnight even when asked again within seconds, in each zone', () => {
    const hkMidnight = Date.parse('2026-12-03T16:00:00Z')
    expect(todayIn(hkMidnight - 1_000, 'Asia/Hong_Kong')).toBe('2026-12-03')
    expect(todayIn(hkMidnight, 'Asia/Hong_Kong')).toBe('2026-12-04')
    expect(todayIn(hkMidnight - 1_000, 'Asia/Hong_Kong')).toBe('2026-12-03')
    // A zone with a 45-minute offset: midnight falls mid-hour in UTC.
    const kathmandu = Date.parse('2026-12-03T18:15:00Z')
    expect(todayIn(kathmandu - 1, 'Asia/Kathmandu')).toBe('2026-12-03')
    expect(todayIn(kathmandu, 'Asia/Kathmandu')).toBe('2026-12-04')
    expect(todayIn(kathmandu, 'America/New_York')).toBe(localDate(kathmandu, 'America/New_York'))
  })
})
