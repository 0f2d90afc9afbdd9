// A minimal iCalendar (RFC 5545) writer: all-day events with display alarms, CRLF lines folded at 75 octets.

export interface Alarm {
  /** days before the event's date (0 = on the day) */
  daysBefore: number
  /** local wall-clock hour the alarm fires at, 0–23 (floating: the reader's own time zone) */
  hour: number
}

export interface AllDayEvent {
  /** stable for the thing the event is about, so a subscribed or re-imported calendar updates it */
  uid: string
  /** YYYY-MM-DD */
  date: string
  summary: string
  description: string
  url?: string
  /** DTSTAMP, epoch ms */
  stamp: number
  /** LAST-MODIFIED, epoch ms */
  modified?: number
  alarms?: readonly Alarm[]
}

export interface CalendarMeta {
  /** X-WR-CALNAME: the name a subscribing calendar app shows */
  name?: string
  /** how often a subscribing app should refetch (REFRESH-INTERVAL, X-PUBLISHED-TTL) */
  refreshHours?: number
  prodId?: string
}

/** TEXT value escaping: backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

const encoder = new TextEncoder()

/** Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let size = 0
  let limit = 75
  for (const ch of line) {
    const n = encoder.encode(ch).length
    if (size + n > limit) {
      parts.push(current)
      current = ''
      size = 0
      // Continuation lines begin with a space, which counts towards their 75 octets.
      limit = 74
    }
    current += ch
    size += n
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function basicDate(date: string): string {
  return date.replace(/-/g, '')
}

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

/**
 * The TRIGGER of an alarm at `hour`:00 on the day `daysBefore` days before an all-day event. The
 * trigger is relative to the event's start, local midnight of its date: e.g. 7 days before at 09:00
 * is 6 days and 15 hours before the start, -P6DT15H; on the day at 09:00 is PT9H.
 */
export function alarmTrigger({ daysBefore, hour }: Alarm): string {
  const hours = daysBefore * 24 - hour
  if (hours <= 0) return `PT${-hours}H`
  const days = Math.floor(hours / 24)
  const rest = hours % 24
  return `-P${days ? `${days}D` : ''}${rest ? `T${rest}H` : ''}`
}

function eventLines(event: AllDayEvent): string[] {
  const alarms = [...new Map((event.alarms ?? []).map((a) => [alarmTrigger(a), a])).keys()]
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    ...(event.modified === undefined ? [] : [`LAST-MODIFIED:${utcStamp(event.modified)}`]),
    `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
    `DTEND;VALUE=DATE:${basicDate(nextDay(event.date))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    'TRANSP:TRANSPARENT',
    ...alarms.flatMap((trigger) => [
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.summary)}`,
      `TRIGGER:${trigger}`,
      'END:VALARM',
    ]),
    'END:VEVENT',
  ]
}

/** A VCALENDAR holding `events` (possibly none: a feed whose cards are all gone is still a calendar). */
export function buildCalendar(events: readonly AllDayEvent[], meta: CalendarMeta = {}): string {
  const refresh = meta.refreshHours ? `PT${meta.refreshHours}H` : null
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${meta.prodId ?? '-//SIMKeep//SIM expiry reminders//EN'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(meta.name ? [`X-WR-CALNAME:${escapeText(meta.name)}`] : []),
    ...(refresh ? [`REFRESH-INTERVAL;VALUE=DURATION:${refresh}`, `X-PUBLISHED-TTL:${refresh}`] : []),
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
