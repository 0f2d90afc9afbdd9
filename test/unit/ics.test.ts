// iCalendar output: CRLF lines, folding at 75 octets without splitting characters, TEXT escaping,
// alarm triggers, and validity as ical.js reads it.
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { alarmTrigger, buildCalendar, escapeText, foldLine } from '../../src/domain/ics'

const octets = (s: string) => new TextEncoder().encode(s).length
const unfold = (s: string) => s.replace(/\r\n /g, '')

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
  })
})

describe('foldLine', () => {
  it('leaves a 75-octet line alone and folds a 76-octet one', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75))
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`)
  })

  it('never splits a multi-byte character and keeps every physical line within 75 octets', () => {
    const line = `SUMMARY:${'中港卡有效期最後一天'.repeat(12)}`
    const folded = foldLine(line)
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
    expect(unfold(folded)).toBe(line)
    expect(folded).not.toContain('\uFFFD')
  })
})

describe('alarmTrigger', () => {
  it('fires at the given hour on the day that many days before the all-day event', () => {
    expect(alarmTrigger({ daysBefore: 7, hour: 9 })).toBe('-P6DT15H')
    expect(alarmTrigger({ daysBefore: 1, hour: 9 })).toBe('-PT15H')
    expect(alarmTrigger({ daysBefore: 0, hour: 9 })).toBe('PT9H')
    expect(alarmTrigger({ daysBefore: 2, hour: 0 })).toBe('-P2D')
    expect(alarmTrigger({ daysBefore: 0, hour: 0 })).toBe('PT0H')
  })
})

describe('buildCalendar', () => {
  const event = {
    uid: 'card-card1@simkeep.test',
    date: '2028-02-29',
    summary: 'Work; SIM, "HK"\\ line\nbreak: last day',
    description: 'x'.repeat(200),
    stamp: Date.UTC(2027, 0, 2, 3, 4, 5),
    modified: Date.UTC(2027, 0, 1),
    alarms: [
      { daysBefore: 14, hour: 9 },
      { daysBefore: 1, hour: 9 },
      { daysBefore: 1, hour: 9 },
    ],
  }
  const ics = buildCalendar([event, { ...event, uid: 'card-card2@simkeep.test', date: '2027-12-31', alarms: [] }], {
    name: 'SIMKeep',
    refreshHours: 12,
  })

  it('uses CRLF line ends only and ends with one', () => {
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('holds all-day events on their dates, ending the next day (leap day)', () => {
    const lines = unfold(ics).split('\r\n')
    expect(lines).toContain('DTSTART;VALUE=DATE:20280229')
    expect(lines).toContain('DTEND;VALUE=DATE:20280301')
    expect(lines).toContain('DTSTART;VALUE=DATE:20271231')
    expect(lines).toContain('DTSTAMP:20270102T030405Z')
    expect(lines).toContain('LAST-MODIFIED:20270101T000000Z')
    expect(lines).toContain('UID:card-card1@simkeep.test')
    expect(lines).toContain('SUMMARY:Work\\; SIM\\, "HK"\\\\ line\\nbreak: last day')
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines).toContain('X-WR-CALNAME:SIMKeep')
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H')
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2)
  })

  it('writes one alarm per distinct lead day', () => {
    const lines = unfold(ics).split('\r\n')
    expect(lines.filter((l) => l.startsWith('TRIGGER:'))).toEqual(['TRIGGER:-P13DT15H', 'TRIGGER:-PT15H'])
  })

  it('folds long lines', () => {
    for (const physical of ics.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
  })

  it('is valid iCalendar as ical.js reads it, with the text unescaped back', () => {
    const cal = new ICAL.Component(ICAL.parse(ics))
    const [first, second] = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(first?.summary).toBe(event.summary)
    expect(first?.description).toBe(event.description)
    expect(first?.startDate.toString()).toBe('2028-02-29')
    expect(second?.startDate.toString()).toBe('2027-12-31')
    const alarms = cal.getFirstSubcomponent('vevent')?.getAllSubcomponents('valarm') ?? []
    expect(alarms.map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds())).toEqual([
      -(14 * 24 - 9) * 3600,
      -(24 - 9) * 3600,
    ])
  })

  it('is a valid empty calendar when there is no event', () => {
    const cal = new ICAL.Component(ICAL.parse(buildCalendar([])))
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(0)
  })
})
