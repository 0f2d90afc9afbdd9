// The reminder's plain-text part: the same content as the html, every link written out.
import type { EmailMessages } from '../i18n/emails'
import type { ReminderEmailData } from './data'
import type { CardBlock, ReminderModel } from './reminder-model'
import { senderText } from './sender'
import { blocks, bullets, heading, lines, linkLine } from './text'

function cardText(copy: EmailMessages, card: CardBlock): string {
  const { todo } = card
  const r = copy.reminder
  return blocks(
    lines(`${card.name}${card.carrier ? copy.paren(card.carrier) : ''}`, card.validUntil),
    lines(...card.statuses.map((s) => `» ${s}`)),
    lines(`${r.todoHeading}${copy.colon.trim()}`, bullets(todo.steps)),
    todo.channels && lines(`${todo.channels.heading}${copy.colon.trim()}`, bullets(todo.channels.items)),
    todo.address && `${r.addressLabel}${copy.colon}${todo.address}`,
    todo.realName,
    todo.button &&
      linkLine(todo.button === 'renewed' ? r.renewedButton : r.confirmDateButton, card.links.renewed, copy.colon),
    linkLine(r.calendarLink, card.links.calendar, copy.colon),
  ).trimEnd()
}

export function reminderText(copy: EmailMessages, data: ReminderEmailData, model: ReminderModel): string {
  return blocks(
    heading(model.heading),
    ...model.cards.map((card) => cardText(copy, card)),
    model.tips.length > 0 && heading(copy.reminder.tipsHeading),
    model.tips.length > 0 && bullets(model.tips),
    '-----',
    senderText(
      copy,
      data.sender,
      [copy.footer.whyReminder, copy.footer.safety],
      [
        { label: copy.footer.manage, href: data.links.manage },
        { label: copy.footer.unsubscribeText, href: data.links.unsubscribe },
        ...(data.links.stopBalance ? [{ label: copy.footer.stopBalance, href: data.links.stopBalance }] : []),
      ],
    ),
  )
}
