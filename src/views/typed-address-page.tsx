// "Check your inbox" answers that echo the address exactly as typed (never the stored one), so a
// typo can be spotted while the page stays the same whatever the address's state.
import type { Locale } from '../domain/types'
import { fill, type PageMessages } from '../i18n/pages'
import { fillNodes } from './fill-nodes'
import { MessagePage } from './message-page'

/** After a sign-up: who the confirmation comes from, its subject and language ("send it again" form). */
export interface ConfirmationNote {
  from: string
  subject: string
  emailLocale: Locale
  /** how many confirmations an address may get an hour: the same figure for every address */
  perHour: number
}

export function TypedAddressPage(props: {
  t: PageMessages
  locale: Locale
  body: keyof PageMessages
  typed: string
  confirmation?: ConfirmationNote
}) {
  const { t, locale, typed, confirmation } = props
  return (
    <MessagePage t={t} locale={locale} title={t.sentTitle} lines={[]}>
      <p>{fillNodes(t[props.body], { email: <strong>{typed}</strong> })}</p>
      {confirmation ? (
        <>
          <p>
            {fillNodes(t.sentFrom, {
              from: <strong>{confirmation.from}</strong>,
              subject: confirmation.subject,
            })}
          </p>
          <p>{fill(t.sentSpam, { max: confirmation.perHour })}</p>
          {/* Sends the newest pending card's confirmation again, within the same 3-an-hour cap. */}
          <form method="post" action="/subscribe/resend" accept-charset="utf-8">
            <input type="hidden" name="form_lang" value={locale} />
            <input type="hidden" name="email" value={typed} />
            <input type="hidden" name="locale" value={confirmation.emailLocale} />
            <div class="actions">
              <button type="submit" class="secondary">
                {t.resendButton}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </MessagePage>
  )
}
