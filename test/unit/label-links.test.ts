// Card labels with a web or email address are refused; ordinary names are not.
import { describe, expect, it } from 'vitest'
import { hasLinkOrAddress } from '../../src/domain/label-links'
import { checkLabel } from '../../src/domain/validate'

describe('hasLinkOrAddress', () => {
  it.each([
    'Renew now: https://evil.example/hk-renew',
    'HTTP://x',
    'hxxps://evil',
    'go to www.example',
    'visit evil.com',
    'evil.example/renew',
    'cmhk-renew.hk',
    'mail me: help@evil.example',
    'ｈｔｔｐｓ：／／evil．example',
    '續期 bit.ly/abc',
  ])('refuses %s', (label) => {
    expect(hasLinkOrAddress(label)).toBe(true)
    expect(checkLabel(label)).toEqual({ error: 'labelLink' })
  })

  it.each([
    'CMHK 中港卡',
    'Travel SIM',
    'St.John office',
    'No.2 card',
    'Mum’s 3HK',
    '工作用 SIM',
    'csl. 1010',
    'A & B',
  ])('accepts %s', (label) => {
    expect(hasLinkOrAddress(label)).toBe(false)
    expect(checkLabel(label)).toEqual({ label })
  })
})
