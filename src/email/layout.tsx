// The shared email frame: document head, hidden preheader, a centred 600px column, footer.
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Locale } from '../domain/types'
import type { EmailMessages } from '../i18n/emails'
import { Link } from './components'
import { colors, fontStack } from './theme'

export interface FooterLink {
  label: string
  href: string
}

interface LayoutProps {
  locale: Locale
  copy: EmailMessages
  title: string
  preheader: string
  children: Child
  /** plain sentences shown small under the main card */
  notes: string[]
  links: FooterLink[]
}

// Outlook for Windows ignores max-width, so it gets a fixed 600px table in conditional comments.
const msoOpen = raw('<!--[if mso]><table role="presentation" align="center" style="width:600px"><tr><td><![endif]-->')
const msoClose = raw('<!--[if mso]></td></tr></table><![endif]-->')
// The preheader (the preview line inboxes show) is hidden by size and colour, which every target
// client supports; Outlook for Windows ignores that, so it skips the preheader altogether.
const notMsoOpen = raw('<!--[if !mso]><!-->')
const notMsoClose = raw('<!--<![endif]-->')

export function EmailLayout({ locale, copy, title, preheader, children, notes, links }: LayoutProps) {
  const font = `font-family:${fontStack(locale)}`
  return (
    <html lang={copy.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
      </head>
      <body style={`margin:0;padding:0;background-color:${colors.page};color:${colors.text};${font}`}>
        {notMsoOpen}
        <div style={`font-size:0;line-height:0;max-height:0;max-width:0;height:0;color:${colors.page}`}>
          {preheader}
        </div>
        {notMsoClose}
        <table role="presentation" style={`width:100%;border-collapse:collapse;background-color:${colors.page}`}>
          <tr>
            <td style={`padding:20px 10px;${font}`}>
              {msoOpen}
              <table role="presentation" style="width:100%;max-width:600px;margin:0 auto;border-collapse:collapse">
                <tr>
                  <td style={`padding:4px 8px 14px;font-size:18px;font-weight:bold;color:${colors.accent};${font}`}>
                    {copy.brand}
                    <span style={`font-size:13px;font-weight:normal;color:${colors.muted}`}> · {copy.tagline}</span>
                  </td>
                </tr>
                <tr>
                  <td
                    style={`padding:28px 24px 16px;background-color:${colors.card};border:1px solid ${colors.border};border-radius:12px;color:${colors.text};${font}`}
                  >
                    {children}
                  </td>
                </tr>
                <tr>
                  <td style={`padding:18px 8px 8px;font-size:13px;line-height:1.6;color:${colors.muted};${font}`}>
                    <p style="margin:0 0 10px">
                      {links.map((l, i) => (
                        <>
                          {i > 0 ? ' · ' : ''}
                          <Link href={l.href}>{l.label}</Link>
                        </>
                      ))}
                    </p>
                    {notes.map((n) => (
                      <p style="margin:0 0 6px">{n}</p>
                    ))}
                  </td>
                </tr>
              </table>
              {msoClose}
            </td>
          </tr>
        </table>
      </body>
    </html>
  )
}

/** Renders a synchronous JSX tree to a complete html document string. */
export function toDocument(node: unknown): string {
  const out = String(node)
  if (out.startsWith('[object Promise]')) throw new Error('email components must be synchronous')
  return `<!DOCTYPE html>${out}`
}
