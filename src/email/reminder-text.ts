// The reminder's plain-text part: the same content as the html, every link written out.
import type { EmailMessages } from '../i18n/emails'
import type { ReminderEmailData } from './data'
import { type CardBlock, channelList, type ReminderModel, tipList } from './reminder-model'
import { senderText } from './sender'
import { blocks, bullets, heading, lines, linkLine } from './text'

function cardText(copy: EmailMessages, card: CardBlock): string {
  return blocks(
    lines(`${card.name}${card.carrier ? copy.paren(card.carrier) : ''}`, card.validUntil),
    ...card.statuses.map((s) => lines(`» ${s.text}`, s.notice)),
    card.autoRenewTip,
    card.renewal && linkLine(copy.reminder.renewedButton, card.links.renewed, copy.colon),
    linkLine(copy.reminder.calendarLink, card.links.calendar, copy.colon),
  ).trimEnd()
}

export function reminderText(copy: EmailMessages, data: ReminderEmailData, model: ReminderModel): string {
  const r = copy.reminder
  return blocks(
    heading(model.heading),
    ...model.cards.map((card) => cardText(copy, card)),
    model.renewal && heading(r.channelsHeading),
    model.renewal && bullets(channelList(copy).map((c) => `${c.name}${copy.colon}${c.advice}`)),
    model.renewal && heading(r.tipsHeading),
    model.renewal && bullets(tipList(copy, model)),
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
