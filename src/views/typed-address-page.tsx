// "Check your inbox" answers that echo the address exactly as typed (never the stored one), so a
// typo can be spotted while the page stays the same whatever the address's state.
import type { Locale } from '../domain/types'
import { emailCopy } from '../i18n/emails'
import type { PageMessages } from '../i18n/pages'
import { fillNodes } from './fill-nodes'
import { MessagePage } from './message-page'
import { type Ctx, messages, sendPage } from './respond'

export function sendTypedAddressPage(
  c: Ctx,
  body: keyof PageMessages,
  typed: string,
  /** after a sign-up: the confirmation email's language, for its subject, and the "send it again" form */
  confirmation?: { emailLocale: Locale },
) {
  const t = messages(c)
  const locale = c.get('locale')
  return sendPage(
    c,
    <MessagePage t={t} locale={locale} title={t.sentTitle} lines={[]}>
      <p>{fillNodes(t[body], { email: <strong>{typed}</strong> })}</p>
      {confirmation ? (
        <>
          <p>
            {fillNodes(t.sentFrom, {
              from: <strong>{c.get('config').mailFrom}</strong>,
              subject: emailCopy(confirmation.emailLocale).confirm.subject,
            })}
          </p>
          <p>{t.sentSpam}</p>
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
    </MessagePage>,
  )
}
