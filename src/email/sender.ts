// Who sends SIMKeep's emails: the operator named in every footer, and the link to /privacy.

import type { Locale } from '../domain/types'
import type { Config } from '../env'
import type { EmailMessages } from '../i18n/emails'
import type { EmailSender } from './data'
import type { FooterLink } from './layout'
import { lines, linkLine } from './text'

export function emailSender(config: Pick<Config, 'publicUrl' | 'operator'>, locale: Locale): EmailSender {
  return { operator: config.operator?.name ?? null, privacyUrl: `${config.publicUrl}/privacy?lang=${locale}` }
}

/** The footer's sentences with the operator's, for the html part. */
export function senderNotes(copy: EmailMessages, sender: EmailSender, notes: string[]): string[] {
  return sender.operator ? [...notes, copy.footer.operator(sender.operator)] : notes
}

/** The footer's links with the privacy page last, for the html part. */
export function senderLinks(copy: EmailMessages, sender: EmailSender, links: FooterLink[]): FooterLink[] {
  return [...links, { label: copy.footer.privacy, href: sender.privacyUrl }]
}

/** The same in the text part: the footer's sentences, the operator, then each link on its own line. */
export function senderText(copy: EmailMessages, sender: EmailSender, notes: string[], links: FooterLink[]): string {
  return [
    lines(...senderNotes(copy, sender, notes)),
    ...senderLinks(copy, sender, links).map((l) => linkLine(l.label, l.href, copy.colon)),
  ].join('\n\n')
}
