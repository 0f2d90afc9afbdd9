// The "here is your manage link" email, sent on request to an address that has reminders.
import { emailCopy } from '../i18n/emails'
import { cleanSubject } from './card-name'
import { Button, Heading, P } from './components'
import type { ManageLinkEmailData, RenderedEmail } from './data'
import { EmailLayout, toDocument } from './layout'
import { senderLinks, senderNotes, senderText } from './sender'
import { blocks, heading, lines, linkLine } from './text'

export function renderManageLinkEmail(data: ManageLinkEmailData): RenderedEmail {
  const copy = emailCopy(data.locale)
  const m = copy.manageLink
  const subject = cleanSubject(m.subject)
  const notes = [copy.footer.whyReminder, copy.footer.safety]
  const html = toDocument(
    <EmailLayout
      locale={data.locale}
      copy={copy}
      title={subject}
      preheader={m.preheader}
      notes={senderNotes(copy, data.sender, notes)}
      links={senderLinks(copy, data.sender, [{ label: copy.footer.unsubscribe, href: data.unsubscribeUrl }])}
    >
      <Heading>{m.heading}</Heading>
      <P>{m.intro}</P>
      <Button href={data.manageUrl}>{m.button}</Button>
      <P muted small>
        {m.validity(data.validDays)}
        {copy.sentenceGap}
        {m.ignore}
      </P>
    </EmailLayout>,
  )
  const text = blocks(
    heading(m.heading),
    m.intro,
    linkLine(m.button, data.manageUrl, copy.colon),
    lines(m.validity(data.validDays), m.ignore),
    '-----',
    senderText(copy, data.sender, notes, [{ label: copy.footer.unsubscribeText, href: data.unsubscribeUrl }]),
  )
  return { subject, html, text }
}
