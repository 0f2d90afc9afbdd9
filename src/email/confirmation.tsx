// The double opt-in email: what was asked for, a big Confirm button, and a way out.
import type { EmailMessages } from '../i18n/emails'
import { emailCopy } from '../i18n/emails'
import { formatDate } from '../i18n/format'
import { cardName, carrierName, cleanSubject, wrappable } from './card-name'
import { BulletList, Button, Heading, P } from './components'
import type { ConfirmationEmailData, RenderedEmail } from './data'
import { EmailLayout, toDocument } from './layout'
import { senderLinks, senderNotes, senderText } from './sender'
import { blocks, bullets, heading, lines, linkLine } from './text'
import { colors } from './theme'

/** One card as the email shows it. */
export interface ConfirmationCardLine {
  name: string
  carrier: string | null
  until: string
}

function cardLines(copy: EmailMessages, data: ConfirmationEmailData): ConfirmationCardLine[] {
  return data.cards.map((card) => ({
    name: cardName(copy, { label: '', carrier: card.carrier }),
    carrier: carrierName(copy, { label: '', carrier: card.carrier }),
    until: copy.validUntil(formatDate(card.expiresOn, data.locale)),
  }))
}

export function renderConfirmationEmail(data: ConfirmationEmailData): RenderedEmail {
  return renderConfirmationLines(data, cardLines(emailCopy(data.locale), data))
}

/** The email with its card lines already worded (the template fills slots into them). */
export function renderConfirmationLines(data: ConfirmationEmailData, cards: ConfirmationCardLine[]): RenderedEmail {
  const copy = emailCopy(data.locale)
  const c = copy.confirm
  const subject = cleanSubject(c.subject)
  const notes = [copy.footer.whyConfirm, copy.footer.safety]
  const links = [{ label: copy.footer.unsubscribe, href: data.unsubscribeUrl }]

  const html = toDocument(
    <EmailLayout
      locale={data.locale}
      copy={copy}
      title={subject}
      preheader={c.preheader}
      notes={senderNotes(copy, data.sender, notes)}
      links={senderLinks(copy, data.sender, links)}
    >
      <Heading>{c.heading}</Heading>
      <P>{c.intro(cards.length)}</P>
      <BulletList
        items={cards.map((card) => (
          <>
            <strong>{wrappable(card.name)}</strong>
            {card.carrier ? <span style={`color:${colors.muted}`}>{copy.paren(card.carrier)}</span> : ''}
            <br />
            <span style={`color:${colors.muted}`}>{card.until}</span>
          </>
        ))}
      />
      <Button href={data.confirmUrl}>{c.button}</Button>
      <P muted small>
        {c.buttonHint}
        {copy.sentenceGap}
        {c.validity(data.validDays)}
      </P>
      <P muted small>
        {c.ignore}
      </P>
    </EmailLayout>,
  )

  const text = blocks(
    heading(c.heading),
    c.intro(cards.length),
    bullets(
      cards.map((card) => `${card.name}${card.carrier ? copy.paren(card.carrier) : ''}${copy.colon}${card.until}`),
    ),
    linkLine(c.button, data.confirmUrl, copy.colon),
    lines(c.linkHint, c.validity(data.validDays)),
    c.ignore,
    '-----',
    senderText(copy, data.sender, notes, links),
  )

  return { subject, html, text }
}
