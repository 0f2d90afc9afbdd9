// Pure email rendering: (locale, data) → { subject, html, text }.
import { renderConfirmationFromTemplate } from './confirmation-template'
import type { ConfirmationEmailData, ManageLinkEmailData, ReminderEmailData, RenderedEmail } from './data'
import { renderManageLinkEmail } from './manage-link'
import { renderReminderEmail } from './reminder'

export function renderManageLink(data: ManageLinkEmailData): RenderedEmail {
  return renderManageLinkEmail(data)
}

export function renderConfirmation(data: ConfirmationEmailData): RenderedEmail {
  return renderConfirmationFromTemplate(data)
}

export function renderReminder(data: ReminderEmailData): RenderedEmail {
  return renderReminderEmail(data)
}
