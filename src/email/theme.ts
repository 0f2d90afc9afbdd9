// Colours and font stacks for emails: explicit colours with strong contrast, so the mail is
// readable whether or not a client darkens it, and system fonts only (no web fonts).
import type { Locale } from '../domain/types'

export const colors = {
  page: '#eef2f5',
  card: '#ffffff',
  panel: '#f5f8fa',
  urgentPanel: '#fff4e5',
  urgentBorder: '#c2410c',
  border: '#d5dde4',
  text: '#1d2a36',
  muted: '#4a5a69',
  accent: '#0b6e4f',
  onAccent: '#ffffff',
  /** links share the brand green (contrast 6.3:1 on white, at least 5.5:1 on every tint used) */
  link: '#0b6e4f',
} as const

const latin = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial"

// CJK fallbacks are ordered per locale so Hong Kong readers get traditional glyph shapes first.
const cjk: Record<Locale, string> = {
  'zh-Hant':
    "'PingFang HK', 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK HK', 'Noto Sans CJK TC', 'Noto Sans HK', 'Noto Sans TC'",
  'zh-Hans': "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC'",
  en: "'PingFang HK', 'Microsoft JhengHei', 'Noto Sans CJK TC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC'",
}

export function fontStack(locale: Locale): string {
  return `${latin}, ${cjk[locale]}, sans-serif`
}
