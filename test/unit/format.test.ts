// Dates read the way each locale's readers write them.
import { describe, expect, it } from 'vitest'
import { formatDate, formatShortDate } from '../../src/i18n/format'

describe('formatDate', () => {
  it('writes Chinese dates as 2026年12月3日', () => {
    expect(formatDate('2026-12-03', 'zh-Hant')).toBe('2026年12月3日')
    expect(formatDate('2026-12-03', 'zh-Hans')).toBe('2026年12月3日')
  })

  it('writes English dates day first', () => {
    expect(formatDate('2026-12-03', 'en')).toBe('3 December 2026')
    expect(formatShortDate('2026-12-03', 'en')).toBe('3 Dec')
  })
})
