// The reminder email: per card (most urgent first) what to do this time, then general tips once.
import type { EmailMessages } from '../i18n/emails'
import { emailCopy } from '../i18n/emails'
import { wrappable } from './card-name'
import { BulletList, Button, Heading, keepTogether, Link, P, Panel, SubHeading } from './components'
import type { ReminderEmailData, RenderedEmail } from './data'
import { EmailLayout, toDocument } from './layout'
import { type CardBlock, reminderModel } from './reminder-model'
import { reminderText } from './reminder-text'
import { senderLinks, senderNotes } from './sender'
import { colors } from './theme'

const small = 'font-size:14px;line-height:1.5'

function Todo({ copy, card }: { copy: EmailMessages; card: CardBlock }) {
  const { todo } = card
  return (
    <>
      <h2 style={`margin:12px 0 6px;font-size:16px;line-height:1.4;font-weight:bold;color:${colors.text}`}>
        {copy.reminder.todoHeading}
      </h2>
      <BulletList items={todo.steps.map((step) => keepTogether(step, todo.dates))} />
      {todo.channels ? (
        <>
          <p style={`margin:0 0 4px;${small};font-weight:bold;color:${colors.text}`}>{todo.channels.heading}</p>
          <BulletList items={todo.channels.items} small />
        </>
      ) : (
        ''
      )}
      {todo.address ? (
        <p style={`margin:0 0 8px;${small};color:${colors.text}`}>
          {copy.reminder.addressLabel}
          {copy.colon}
          <strong>{todo.address}</strong>
        </p>
      ) : (
        ''
      )}
      {todo.realName ? (
        <P muted small>
          {todo.realName}
        </P>
      ) : (
        ''
      )}
    </>
  )
}

function CardPanel({ copy, card }: { copy: EmailMessages; card: CardBlock }) {
  const button = card.todo.button
  return (
    <Panel urgent={card.urgent}>
      <p style={`margin:0 0 2px;font-size:18px;line-height:1.4;font-weight:bold;color:${colors.text}`}>
        {wrappable(card.name)}
        {card.carrier ? (
          <span style={`font-size:14px;font-weight:normal;color:${colors.muted}`}>{copy.paren(card.carrier)}</span>
        ) : (
          ''
        )}
      </p>
      {card.validUntil ? <p style={`margin:0 0 6px;${small};color:${colors.muted}`}>{card.validUntil}</p> : ''}
      {card.statuses.map((s) => (
        <p
          style={`margin:0 0 4px;font-size:20px;line-height:1.35;font-weight:bold;color:${card.urgent ? colors.urgentBorder : colors.accent}`}
        >
          {s}
        </p>
      ))}
      <Todo copy={copy} card={card} />
      {button ? (
        <Button href={card.links.renewed} small>
          {button === 'renewed' ? copy.reminder.renewedButton : copy.reminder.confirmDateButton}
        </Button>
      ) : (
        ''
      )}
      <p style={`margin:0;${small}`}>
        <Link href={card.links.calendar}>{copy.reminder.calendarLink}</Link>
      </p>
    </Panel>
  )
}

export function renderReminderEmail(data: ReminderEmailData): RenderedEmail {
  const copy = emailCopy(data.locale)
  const model = reminderModel(copy, data)

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
      {model.tips.length ? (
        <>
          <SubHeading>{copy.reminder.tipsHeading}</SubHeading>
          <BulletList items={model.tips} small />
        </>
      ) : (
        ''
      )}
    </EmailLayout>,
  )

  return { subject: model.subject, html, text: reminderText(copy, data, model) }
}
