// The reminder email: one card block per card (most urgent first), then how to renew safely.
import type { EmailMessages } from '../i18n/emails'
import { emailCopy } from '../i18n/emails'
import { BulletList, Button, Heading, Link, P, Panel, SubHeading } from './components'
import type { ReminderEmailData, RenderedEmail } from './data'
import { EmailLayout, toDocument } from './layout'
import { type CardBlock, channelList, reminderModel, tipList } from './reminder-model'
import { reminderText } from './reminder-text'
import { senderLinks, senderNotes } from './sender'
import { colors } from './theme'

function CardPanel({ copy, card }: { copy: EmailMessages; card: CardBlock }) {
  return (
    <Panel urgent={card.urgent}>
      <p style={`margin:0 0 2px;font-size:18px;line-height:1.4;font-weight:bold;color:${colors.text}`}>
        {card.name}
        {card.carrier ? (
          <span style={`font-size:14px;font-weight:normal;color:${colors.muted}`}>{copy.paren(card.carrier)}</span>
        ) : (
          ''
        )}
      </p>
      <p style={`margin:0 0 10px;font-size:14px;line-height:1.5;color:${colors.muted}`}>{card.validUntil}</p>
      {card.statuses.map((s) => (
        <>
          <p
            style={`margin:0 0 6px;font-size:20px;line-height:1.35;font-weight:bold;color:${card.urgent ? colors.urgentBorder : colors.accent}`}
          >
            {s.text}
          </p>
          {s.notice ? <P>{s.notice}</P> : ''}
        </>
      ))}
      <P muted small>
        {card.autoRenewTip}
      </P>
      {card.renewal ? (
        <Button href={card.links.renewed} small>
          {copy.reminder.renewedButton}
        </Button>
      ) : (
        ''
      )}
      <p style="margin:0;font-size:14px;line-height:1.5">
        <Link href={card.links.calendar}>{copy.reminder.calendarLink}</Link>
      </p>
    </Panel>
  )
}

export function renderReminderEmail(data: ReminderEmailData): RenderedEmail {
  const copy = emailCopy(data.locale)
  const model = reminderModel(copy, data)
  const r = copy.reminder

  const html = toDocument(
    <EmailLayout
      locale={data.locale}
      copy={copy}
      title={model.subject}
      preheader={model.preheader}
      notes={senderNotes(copy, data.sender, [copy.footer.whyReminder, copy.footer.safety])}
      links={senderLinks(copy, data.sender, [
        { label: copy.footer.manage, href: data.links.manage },
        { label: copy.footer.unsubscribe, href: data.links.unsubscribe },
        ...(data.links.stopBalance ? [{ label: copy.footer.stopBalance, href: data.links.stopBalance }] : []),
      ])}
    >
      <Heading>{model.heading}</Heading>
      {model.cards.map((card) => (
        <CardPanel copy={copy} card={card} />
      ))}
      {model.renewal ? (
        <>
          <SubHeading>{r.channelsHeading}</SubHeading>
          <BulletList
            items={channelList(copy).map((c) => (
              <>
                <strong>{c.name}</strong>
                {copy.colon}
                {c.advice}
              </>
            ))}
          />
          <SubHeading>{r.tipsHeading}</SubHeading>
          <BulletList items={tipList(copy, model)} />
        </>
      ) : (
        ''
      )}
    </EmailLayout>,
  )

  return { subject: model.subject, html, text: reminderText(copy, data, model) }
}
