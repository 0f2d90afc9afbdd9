// The time zone list of the form and the manage page: usual zones first, named in the page language.
import type { PageMessages } from '../i18n/pages'
import type { SelectOption } from './fields'

/** All IANA zones the runtime knows, with the current value kept even if it is an alias. */
let zoneCache: string[] | null = null
export function timeZones(current: string): string[] {
  if (!zoneCache) {
    try {
      zoneCache = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')
    } catch {
      zoneCache = []
    }
    if (!zoneCache.includes('Asia/Hong_Kong')) zoneCache = ['Asia/Hong_Kong', ...zoneCache]
  }
  return current && !zoneCache.includes(current) ? [current, ...zoneCache] : zoneCache
}

/** Where SIMKeep's users live and travel: listed first, so nobody scrolls 400 zones to find Hong Kong. */
const COMMON_ZONES = [
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Australia/Sydney',
  'America/Vancouver',
  'America/Toronto',
  'America/Los_Angeles',
  'America/New_York',
]

/** The zone's everyday name in the page language ("香港時間", "Hong Kong Time"), or null. */
export function zoneName(zone: string, lang: string): string | null {
  try {
    return (
      new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(0)
        .find((p) => p.type === 'timeZoneName')?.value ?? null
    )
  } catch {
    return null
  }
}

/** "香港時間 · Asia/Hong Kong": the zone's everyday name in the page language, then its id. */
function zoneLabel(zone: string, lang: string): string {
  const id = zone.replace(/_/g, ' ')
  const name = zoneName(zone, lang)
  return name ? `${name} · ${id}` : id
}

/**
 * The runtime's zone list keeps some renamed cities under their old ids (its canonical form, so they
 * stay the stored values); the label shows today's name.
 */
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho Chi Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
}

// Every form page shows this list: build it (and its Intl zone names) once per language per isolate.
const optionsCache = new Map<string, SelectOption[]>()

export function timeZoneOptions(t: PageMessages, current: string): SelectOption[] {
  const all = timeZones(current)
  // timeZones hands back the shared list unless `current` is an alias it lacks; only that list is cached.
  const shared = all === timeZones('')
  const hit = shared ? optionsCache.get(t.htmlLang) : undefined
  if (hit) return hit
  const common = COMMON_ZONES.filter((z) => all.includes(z))
  const options = [
    ...common.map((z) => ({ value: z, label: zoneLabel(z, t.htmlLang), group: t.timezoneCommon })),
    ...all
      .filter((z) => !common.includes(z))
      .map((z) => ({ value: z, label: RENAMED[z] ?? z.replace(/_/g, ' '), group: t.timezoneAll })),
  ]
  if (shared) optionsCache.set(t.htmlLang, options)
  return options
}
