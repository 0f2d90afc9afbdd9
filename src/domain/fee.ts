// A renewal fee (contract: renewal_fee) as typed and as shown, in HK cents.

/** The largest renewal fee in HK cents (HK$9,999.99, contract: renewal_fee). */
export const FEE_MAX_CENTS = 999_999

/**
 * A renewal fee as typed, in HK cents: digits with up to 2 decimals, an optional "HK$" or "$" in
 * front and thousands commas forgiven; null for anything else or above the maximum.
 */
export function feeCents(text: string): number | null {
  const t = text.replace(/^(?:HK)?\$\s*/i, '').replace(/,(?=\d{3}(?:\D|$))/g, '')
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return null
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return cents <= FEE_MAX_CENTS ? cents : null
}

/** HK cents as the form shows them again: 4800 → "48", 4850 → "48.50". */
export function feeText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2)
}
