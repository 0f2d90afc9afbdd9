// Carrier guides: every fact sourced and dated, nothing contradictory, general advice when unknown.
import { describe, expect, it } from 'vitest'
import {
  CARRIER_GUIDES,
  type CarrierGuide,
  CONTRADICTIONS,
  carrierGuide,
  channelsFor,
  GENERAL_CHANNELS,
  graceFor,
  mayHaveMainlandNumber,
  minimumTopUp,
  REGULATOR_FACTS,
} from '../../src/domain/carriers'
import { CARRIERS, LOCALES } from '../../src/domain/types'

const ISO_DATE = /^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

function expectSourced(value: unknown, where: string) {
  const source = (value as { source?: { url?: unknown; checkedOn?: unknown } }).source
  expect(source, `${where} has a source`).toBeDefined()
  expect(String(source?.url), `${where} source url`).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//)
  expect(String(source?.checkedOn), `${where} check date`).toMatch(ISO_DATE)
}

/** Every field of a guide other than its key and names is a fact; arrays hold facts. */
function facts(guide: CarrierGuide): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = []
  for (const [key, value] of Object.entries(guide)) {
    if (key === 'carrier' || key === 'name' || value === undefined) continue
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) out.push([`${guide.carrier}.${key}[${i}]`, v])
    } else out.push([`${guide.carrier}.${key}`, value])
  }
  return out
}

describe('carrier data', () => {
  it('has a guide with names in three languages for every carrier value except other', () => {
    expect(CARRIER_GUIDES.map((g) => g.carrier).sort()).toEqual(CARRIERS.filter((c) => c !== 'other').sort())
    for (const guide of CARRIER_GUIDES) {
      for (const locale of LOCALES) expect(guide.name[locale].trim()).not.toBe('')
    }
  })

  it('gives every shipped fact an official source address and an ISO check date', () => {
    let count = 0
    for (const guide of CARRIER_GUIDES) {
      for (const [where, fact] of facts(guide)) {
        expectSourced(fact, where)
        count++
      }
    }
    expect(count).toBeGreaterThan(15)
    for (const [key, fact] of Object.entries(REGULATOR_FACTS)) {
      expectSourced(fact, key)
      expect(fact.source.url).toMatch(/^https:\/\/www\.ofca\.gov\.hk\//)
    }
  })

  it('never ships a fact that official pages contradict (the CMHK balance code)', () => {
    expect(CONTRADICTIONS.some((c) => c.carrier === 'cmhk' && c.values.includes('*#131#'))).toBe(true)
    const shipped = JSON.stringify(CARRIER_GUIDES)
    for (const c of CONTRADICTIONS) {
      expect(carrierGuide(c.carrier)?.[c.fact], `${c.carrier}.${c.fact}`).toBeUndefined()
      for (const v of c.values) expect(shipped).not.toContain(v)
    }
  })

  it('keeps the address to type on the same carrier domain as its source page, with no scheme', () => {
    for (const guide of CARRIER_GUIDES) {
      if (!guide.address) continue
      expect(guide.address.text).toMatch(/^[a-z0-9.-]+$/)
      const domain = guide.address.text.replace(/^(www|prepaid)\./, '')
      expect(new URL(guide.address.source.url).hostname.endsWith(domain)).toBe(true)
    }
  })

  it('lists validity tiers in ascending order of amount', () => {
    for (const guide of CARRIER_GUIDES) {
      const amounts = guide.validity?.tiers.map((t) => t.minHkd) ?? []
      expect([...amounts].sort((a, b) => a - b)).toEqual(amounts)
    }
    expect(minimumTopUp('cmhk')).toEqual({ hkd: 10, days: 30, product: 'Tourist Talk Prepaid SIM Card' })
    expect(minimumTopUp('csl')).toBeNull()
  })

  it('promises no grace period: no carrier here documents one', () => {
    for (const c of CARRIERS) expect(graceFor(c)).toBeNull()
    expect(graceFor(null)).toBeNull()
  })
})

describe('other or no carrier', () => {
  it('gets general advice only', () => {
    for (const c of ['other', null, undefined] as const) {
      expect(carrierGuide(c)).toBeNull()
      const plan = channelsFor(c)
      expect(plan.from).toBe('general')
      expect(plan.channels.map((ch) => ch.kind)).toEqual(GENERAL_CHANNELS.map((g) => g.kind))
      expect(plan.channels.every((ch) => ch.fact === null)).toBe(true)
    }
  })

  it('falls back to general advice for a carrier whose pages name no channel', () => {
    expect(channelsFor('3hk').from).toBe('general')
    expect(channelsFor('cuhk').from).toBe('general')
  })
})

describe('channelsFor', () => {
  it('names the carrier’s own channels in its order when time is not short', () => {
    const plan = channelsFor('csl')
    expect(plan.from).toBe('carrier')
    expect(plan.channels.map((c) => c.kind)).toEqual(['online', 'pps', 'atm', 'atm'])
    expect(plan.channels[1]?.fact?.merchantCode).toBe('9121')
  })

  it('puts instant channels first when urgent, slow ones last', () => {
    const plan = channelsFor('smartone', { urgent: true })
    const speeds = plan.channels.map((c) => c.speed)
    expect(speeds).toEqual(['minutes', 'minutes', 'minutes', 'working_days', 'working_days'])
    expect(plan.channels[0]?.kind).toBe('voucher') // SmarTone's own order within a speed
  })

  it('names only instant channels once the last safe day is past', () => {
    for (const c of [...CARRIERS, null]) {
      const plan = channelsFor(c, { lastSafeDayPassed: true })
      expect(plan.channels.length).toBeGreaterThan(0)
      expect(plan.channels.every((ch) => ch.speed === 'minutes')).toBe(true)
    }
    expect(channelsFor('csl', { lastSafeDayPassed: true }).channels.map((c) => c.kind)).toEqual(['online'])
  })

  it('marks a speed the carrier’s page does not state as general advice', () => {
    const online = channelsFor('csl').channels.find((c) => c.kind === 'online')
    expect(online).toMatchObject({ speed: 'minutes', speedFrom: 'general' })
    const cmhk = channelsFor('cmhk').channels.find((c) => c.kind === 'online')
    expect(cmhk).toMatchObject({ speed: 'minutes', speedFrom: 'carrier' })
    const voucher = channelsFor(null).channels.find((c) => c.kind === 'voucher')
    expect(voucher).toMatchObject({ speed: null, speedFrom: null })
  })
})

describe('mayHaveMainlandNumber', () => {
  it('is true for carriers with one-card-two-numbers cards and for an unknown carrier', () => {
    expect(mayHaveMainlandNumber('cmhk')).toBe(true)
    expect(mayHaveMainlandNumber('cuhk')).toBe(true)
    expect(mayHaveMainlandNumber('other')).toBe(true)
    expect(mayHaveMainlandNumber(null)).toBe(true)
    expect(mayHaveMainlandNumber('csl')).toBe(false)
    expect(mayHaveMainlandNumber('3hk')).toBe(false)
    expect(mayHaveMainlandNumber('smartone')).toBe(false)
  })
})
