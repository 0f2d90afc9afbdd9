// Small building blocks for email html: tables and inline styles only, as mail clients need.
import type { Child } from 'hono/jsx'
import { colors } from './theme'

const table = 'border-collapse:collapse'

export function Heading({ children }: { children: Child }) {
  return (
    <h1 style={`margin:0 0 16px;font-size:22px;line-height:1.35;font-weight:bold;color:${colors.text}`}>{children}</h1>
  )
}

export function SubHeading({ children }: { children: Child }) {
  return (
    <h2 style={`margin:24px 0 8px;font-size:17px;line-height:1.4;font-weight:bold;color:${colors.text}`}>{children}</h2>
  )
}

export function P({ children, muted, small }: { children: Child; muted?: boolean; small?: boolean }) {
  const size = small ? '13px' : '16px'
  return (
    <p style={`margin:0 0 14px;font-size:${size};line-height:1.6;color:${muted ? colors.muted : colors.text}`}>
      {children}
    </p>
  )
}

export function Link({ href, children }: { href: string; children: Child }) {
  return (
    <a href={href} style={`color:${colors.link};text-decoration:underline`}>
      {children}
    </a>
  )
}

/** A "bulletproof" button: a coloured cell around a padded link, so Outlook shows it too. */
export function Button({ href, children, small }: { href: string; children: Child; small?: boolean }) {
  const pad = small ? '10px 18px' : '14px 28px'
  const size = small ? '15px' : '17px'
  return (
    <table role="presentation" style={`${table};margin:4px 0 14px`}>
      <tr>
        <td style={`border-radius:8px;background-color:${colors.accent}`}>
          <a
            href={href}
            style={`display:inline-block;padding:${pad};font-size:${size};line-height:1.3;font-weight:bold;color:${colors.onAccent};text-decoration:none;border-radius:8px`}
          >
            {children}
          </a>
        </td>
      </tr>
    </table>
  )
}

/** A tinted box; `urgent` adds a warm colour and a left rule for the expiry-day notice. */
export function Panel({ children, urgent }: { children: Child; urgent?: boolean }) {
  const look = urgent
    ? `background-color:${colors.urgentPanel};border-left:4px solid ${colors.urgentBorder}`
    : `background-color:${colors.panel};border:1px solid ${colors.border}`
  return (
    <table role="presentation" style={`${table};width:100%;margin:0 0 16px`}>
      <tr>
        <td style={`padding:14px 14px;border-radius:10px;${look}`}>{children}</td>
      </tr>
    </table>
  )
}

/** A compact bulleted list as a table (list spacing differs too much between clients). */
export function BulletList({ items, small }: { items: Child[]; small?: boolean }) {
  const type = small ? 'font-size:14px;line-height:1.5' : 'font-size:15px;line-height:1.55'
  const gap = small ? '4px' : '6px'
  return (
    <table role="presentation" style={`${table};width:100%;margin:0 0 8px`}>
      {items.map((item) => (
        <tr>
          <td style={`width:16px;padding:0 0 ${gap};vertical-align:top;${type};color:${colors.muted}`}>•</td>
          <td style={`padding:0 0 ${gap};vertical-align:top;${type};color:${colors.text}`}>{item}</td>
        </tr>
      ))}
    </table>
  )
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Text with each of `phrases` (dates) kept on one line: "12月24日星期四" must not break after 12月. */
export function keepTogether(text: string, phrases: string[]): Child {
  const found = [...new Set(phrases)].filter((p) => p !== '' && text.includes(p)).sort((a, b) => b.length - a.length)
  if (found.length === 0) return text
  const parts = text.split(new RegExp(`(${found.map(escapeRe).join('|')})`))
  // split() with a capturing group puts the matched phrases at the odd indexes.
  return parts.map((part, i) => (i % 2 === 1 ? <span style="white-space:nowrap">{part}</span> : part))
}
