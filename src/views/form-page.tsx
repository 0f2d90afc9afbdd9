// The sign-up form (GET /, and POST /subscribe with errors).

import type { RawForm } from '../domain/raw-form'
import type { Locale } from '../domain/types'
import type { FieldErrors } from '../domain/validate'
import { INTL_LOCALE } from '../i18n/format'
import type { PageMessages } from '../i18n/pages'
import { CarrierField, ExpiryField, LabelField, PreferenceFields, ReminderFields } from './card-fields'
import { errorText, InputField } from './fields'
import { Layout } from './layout'
import { EMAIL_ATTRS, LostLinkForm } from './lost-link'
import { moreSummary, summaryTemplates } from './more-summary'

interface FormPageProps {
  t: PageMessages
  locale: Locale
  raw: RawForm
  errors: FieldErrors
  nonce: string | undefined
  turnstileSiteKey: string | null
  /** a problem with the whole form rather than one field */
  formError?: string
  /** SEND_HOUR, named in the "More settings" summary */
  sendHour: number
  /** what was typed into the "email me my link" form, and its error, when that form failed */
  linkRequest?: { email: string; error?: string }
}

/** The small "already signed up? email me my link" form under the sign-up form. */
function LinkRequest({ t, locale, email, error }: { t: PageMessages; locale: Locale; email: string; error?: string }) {
  return (
    <details class="link-request" open={Boolean(error)}>
      <summary>{t.linkRequestSummary}</summary>
      <LostLinkForm t={t} locale={locale} intro={t.linkRequestIntro} email={email} error={error} />
    </details>
  )
}

/** Whether an error sits on a field inside "More settings": then the disclosure opens by itself. */
const HIDDEN_FIELDS: Array<keyof FieldErrors> = [
  'label',
  'lead_days',
  'cycle_days',
  'auto_renew',
  'balance_check',
  'locale',
  'timezone',
]

export function FormPage(props: FormPageProps) {
  const { t, locale, raw, errors, nonce, turnstileSiteKey, formError, linkRequest, sendHour } = props
  const hasErrors = Object.keys(errors).length > 0 || Boolean(formError)
  const moreOpen = HIDDEN_FIELDS.some((name) => errors[name] !== undefined)
  const fields = { t, raw, errors, prefix: 'f', intl: INTL_LOCALE[locale] }
  return (
    <Layout
      t={t}
      locale={locale}
      title={t.formTitle}
      switchPath="/"
      tail={
        turnstileSiteKey ? (
          <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer nonce={nonce} />
        ) : null
      }
    >
      <h1>{t.formTitle}</h1>
      <p class="lead">{t.formIntro}</p>
      <ul class="promises">
        <li>{t.promiseFree}</li>
        <li>{t.promiseOnly}</li>
        <li>{t.promiseNever}</li>
      </ul>
      {hasErrors ? (
        <div class="summary" role="alert">
          <p>{formError ?? t.errorSummary}</p>
        </div>
      ) : null}
      {/* novalidate: the server's messages are in the page's language, the browser's are not.
          data-fresh: only a fresh form takes the browser's time zone; after an error the person's choice stays. */}
      <form method="post" action="/subscribe" accept-charset="utf-8" novalidate data-fresh={hasErrors ? undefined : ''}>
        <input type="hidden" name="form_lang" value={locale} />
        <InputField
          id="f-email"
          name="email"
          type="email"
          label={t.emailLabel}
          hint={t.emailHint}
          error={errors.email ? errorText(t, errors.email) : undefined}
          value={raw.email}
          required
          attrs={EMAIL_ATTRS}
        />
        <ExpiryField {...fields} />
        <CarrierField {...fields} />
        <details class="more" open={moreOpen}>
          <summary>
            <span class="more-text">
              <span class="more-title">{t.moreSettings}</span>
              <span class="more-now" data-summary={summaryTemplates(t, locale, sendHour)}>
                {moreSummary(t, locale, raw, sendHour)}
              </span>
            </span>
          </summary>
          <LabelField {...fields} />
          <ReminderFields {...fields} />
          <PreferenceFields t={t} raw={raw} errors={errors} prefix="f" />
        </details>
        <div class="hp" aria-hidden="true">
          <label for="f-website">{t.honeypotLabel}</label>
          <input id="f-website" type="text" name="website" value="" tabindex={-1} autocomplete="off" />
        </div>
        {turnstileSiteKey ? <div class="cf-turnstile" data-sitekey={turnstileSiteKey} data-language={locale} /> : null}
        <div class="actions">
          <button type="submit" class="big">
            {t.submitSubscribe}
          </button>
        </div>
      </form>
      <LinkRequest t={t} locale={locale} email={linkRequest?.email ?? ''} error={linkRequest?.error} />
    </Layout>
  )
}
