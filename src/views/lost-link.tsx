// "Email me my manage link": what pages behind single-purpose links (confirm, unsubscribe, renewed,
// calendar) offer instead of a manage link, since such links get forwarded, scanned and shared.
import type { Locale } from '../domain/types'
import type { PageMessages } from '../i18n/pages'
import { InputField } from './fields'

export function LostLinkForm({ t, locale, intro }: { t: PageMessages; locale: Locale; intro: string }) {
  return (
    <form method="post" action="/manage-link" accept-charset="utf-8" novalidate class="lost-link">
      <p>{intro}</p>
      <input type="hidden" name="form_lang" value={locale} />
      <InputField
        id="l-email"
        name="email"
        type="email"
        label={t.emailLabel}
        value=""
        required
        attrs={{ maxlength: 254, autocomplete: 'email', spellcheck: 'false', autocapitalize: 'off' }}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {t.linkRequestButton}
        </button>
      </div>
    </form>
  )
}
