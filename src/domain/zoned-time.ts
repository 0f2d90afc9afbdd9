// Calendar arithmetic in a subscriber's IANA timezone, with no library: Intl gives offsets.
const formatters = new Map<string, Intl.DateTimeFormat>()
/**
 * More than the ~600 zone ids and aliases Intl knows, so a real isolate never evicts; Intl accepts any
 * letter case, so typed variants of one zone could otherwise grow the map without bound.
 */
const MAX_FORMATTERS = 1_000

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    if (formatters.size >= MAX_FORMATTERS) formatters.clear()
    formatters.set(timeZone, f)
  }
  return f
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The wall-clock time in `timeZone` at the UTC instant `ms`. */
function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value)
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  }
}

/** 'YYYY-MM-DD' of the local calendar day in `timeZone` at instant `ms`. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone)
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/**
 * localDate at `now`, remembered per timezone for the UTC minute it falls in (every zone's offset is
 * whole minutes today, so the local date cannot change within one): a sign-up checks its date against
 * "today" and formatToParts is slow. Keyed by the canonical names validation passes in.
 */
const todays = new Map<string, { minute: number; date: string }>()
const TODAYS_MAX = 500

export function todayIn(now: number, timeZone: string): string {
  const minute = Math.floor(now / 60_000)
  const hit = todays.get(timeZone)
  if (hit?.minute === minute) return hit.date
  const date = localDate(now, timeZone)
  if (todays.size >= TODAYS_MAX && !hit) todays.clear()
  todays.set(timeZone, { minute, date })
  return date
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return asUtc - Math.floor(ms / 1000) * 1000
}

/**
 * The UTC instant of local wall-clock `date` at `hour`:00 in `timeZone`. In a DST gap the
 * wall-clock time does not exist; the instant after the gap is used (e.g. 02:00 → 03:00).
 */
export function zonedInstant(date: string, hour: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(y, m - 1, d, hour)
  // Two passes settle the offset on either side of a transition.
  let guess = wall - offsetAt(wall, timeZone)
  guess = wall - offsetAt(guess, timeZone)
  const back = localParts(guess, timeZone)
  if (back.hour !== hour || back.day !== d) {
    // Gap: reading the wall clock with the offset in force before the jump lands exactly on it.
    const before = wall - offsetAt(guess - 3 * 3_600_000, timeZone)
    return Math.max(guess, before)
  }
  return guess
}

/** Whole days from date `a` to date `b` ('YYYY-MM-DD'), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const ms = Date.parse(`${text}T00:00:00Z`)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text
}
