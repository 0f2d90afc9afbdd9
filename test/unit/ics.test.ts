// iCalendar output: CRLF lines, folding at 75 octets without splitting characters, TEXT escaping.
import { describe, expect, it } from 'vitest'
import { buildCalendar, escapeText, foldLine } from '../../src/domain/ics'

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

describe('buildCalendar', () => {
  const ics = buildCalendar({
    uid: 'card1-2028-02-29@simkeep.test',
    date: '2028-02-29',
    summary: 'Work; SIM, "HK"\\ line\nbreak: last day',
    description: 'x'.repeat(200),
    stamp: Date.UTC(2027, 0, 2, 3, 4, 5),
    alarmDaysBefore: 3,
  })

  it('uses CRLF line ends only and ends with one', () => {
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('is an all-day event on the expiry date, ending the next day (leap day)', () => {
    const lines = unfold(ics).split('\r\n')
    expect(lines).toContain('DTSTART;VALUE=DATE:20280229')
    expect(lines).toContain('DTEND;VALUE=DATE:20280301')
    expect(lines).toContain('DTSTAMP:20270102T030405Z')
    expect(lines).toContain('UID:card1-2028-02-29@simkeep.test')
    expect(lines).toContain('SUMMARY:Work\\; SIM\\, "HK"\\\\ line\\nbreak: last day')
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
  })

  it('folds long lines', () => {
    for (const physical of ics.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
  })
})
