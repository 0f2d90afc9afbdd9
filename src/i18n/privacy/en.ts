// English wording of the privacy page; its shape is what every other language must match.
export const en = {
  title: 'Privacy',
  intro: 'SIMKeep keeps only what it needs to send your reminders. Here is all of it, and how long it stays.',
  whoHeading: 'Who runs this service',
  whoBody: '{name} runs this SIMKeep service and looks after your data.',
  whoContact: 'Questions, or a request about your data: {email}',
  whoUnset: 'This copy of SIMKeep has no operator set: it is a local copy for testing.',
  storedHeading: 'What we keep, and for how long',
  keptFor: 'Kept: ',
  address:
    'Your email address, the language and time zone you chose, and when you signed up, confirmed or unsubscribed.',
  addressKept:
    'until you delete your data. A sign-up that is not confirmed within {pendingDays} days is deleted with its card. Unsubscribing stops every email but keeps your cards, so you can start again.',
  cards:
    'For each card: the name you gave it, its carrier, expiry date, renewal length, reminder days, and your auto-renewal and balance-check choices.',
  cardsKept: 'until you remove the card or delete your data.',
  reminders: 'Which reminder went out for which card and date, so that none is sent twice.',
  remindersKept: 'for {doneDays} days after it went out, then deleted.',
  emails:
    'Each email we send you: its content only until our mail provider accepts it, so that a failed send can be tried again; the address it went to, its subject and when it was sent, for support.',
  emailsKept:
    'the content until it is sent (or we stop trying); the rest for {doneDays} days after it was sent, then deleted.',
  bounces:
    'If an email to you bounces or is marked as spam: a note of it and when, so we stop writing. Our mail provider’s notices about it are kept by their id and kind only.',
  bouncesKept: 'the note until you delete your data; the notices for {doneDays} days.',
  limits:
    'To stop abuse of the forms: a count per minute under a one-way hash of your network (IP) address, never the address itself.',
  limitsKept: 'about a day.',
  cookie: 'A cookie with the language you picked, only when you pick one.',
  cookieKept: 'one year, in your browser.',
  neverHeading: 'What we never ask for',
  never: 'Your phone number, ID number or payment details. SIMKeep never tops up a card and never handles money.',
  othersHeading: 'Who else handles it',
  others:
    'SIMKeep runs on Cloudflare Workers and keeps its data in a Cloudflare D1 database. Emails go out through Resend, which keeps its own delivery logs.',
  deleteHeading: 'Delete everything',
  deleteBody:
    'Open “Manage my cards” from any SIMKeep email and choose “Delete all my data”: your address, your cards, the record of reminders and the copies of emails go at once.',
  deleteLost: 'Lost the link? Ask for a new one under “Already signed up?” on the form.',
  deleteWrite: 'Or write to {email}.',
}

/** Every language provides each of these keys, each a string. */
export type PrivacyMessages = { readonly [K in keyof typeof en]: string }
