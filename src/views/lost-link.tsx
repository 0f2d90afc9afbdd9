// "Email me my manage link": what pages behind single-purpose links (confirm, unsubscribe, renewed,
// calendar) offer instead of a manage link, since such links get forwarded, scanned and shared; the
// sign-up page offers it too, under "Already signed up?".
import type { Locale } from '../domain/types'
import { EMAIL_MAX } from '../domain/validate'
import type { PageMessages } from '../i18n/pages'
import { InputField } from './fields'

/** An address field on a phone: no autocorrect or capitals, the browser's saved address offered. */
export const EMAIL_ATTRS = { maxlength: EMAIL_MAX, autocomplete: 'email', spellcheck: 'false', autocapitalize: 'off' }

interface LostLinkFormProps {
  t: PageMessages
  locale: Locale
  intro: string
  /** what was typed, shown again with its error when the request failed */
  email?: string
  error?: string
}

export function LostLinkForm({ t, locale, intro, email = '', error }: LostLinkFormProps) {
  return (
    <form method="post" action="/manage-link" accept-charset="utf-8" novalidate class="lost-link">
      <p>{intro}</p>
      <input type="hidden" name="form_lang" value={locale} />
      <InputField
        id="l-email"
        name="email"
        type="email"
        label={t.emailLabel}
        error={error}
        value={email}
        required
        attrs={EMAIL_ATTRS}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {t.linkRequestButton}
        </button>
      </div>
    </form>
  )
}
