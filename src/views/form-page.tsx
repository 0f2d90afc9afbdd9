// The sign-up form (GET /, and POST /subscribe with errors).

import { raw as raw_ } from 'hono/html'
import type { Locale } from '../domain/types'
import { EMAIL_MAX, type FieldErrors, type RawForm } from '../domain/validate'
import type { PageMessages } from '../i18n/pages'
import { CardFields, PreferenceFields } from './card-fields'
import { errorText, InputField } from './fields'
import { Layout } from './layout'

/** An address field on a phone: no autocorrect or capitals, the browser's saved address offered. */
const EMAIL_ATTRS = { maxlength: EMAIL_MAX, autocomplete: 'email', spellcheck: 'false', autocapitalize: 'off' }

interface FormPageProps {
  t: PageMessages
  locale: Locale
  raw: RawForm
  errors: FieldErrors
  nonce: string | undefined
  turnstileSiteKey: string | null
  /** a problem with the whole form rather than one field */
  formError?: string
  /** what was typed into the "email me my link" form, and its error, when that form failed */
  linkRequest?: { email: string; error?: string }
}

// Fills the timezone from the browser unless the person already picked one. Without JS the
// default (Asia/Hong_Kong) stays and can be changed by hand.
const TIMEZONE_SCRIPT = `(function(){try{var s=document.getElementById('f-timezone');if(!s)return;var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z||s.value!=='Asia/Hong_Kong')return;for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){s.value=z;break}}}catch(e){}})()`

/** The small "already signed up? email me my link" form under the sign-up form. */
function LinkRequest({ t, locale, email, error }: { t: PageMessages; locale: string; email: string; error?: string }) {
  return (
    <details class="link-request" open={Boolean(error)}>
      <summary>{t.linkRequestSummary}</summary>
      <p>{t.linkRequestIntro}</p>
      <form method="post" action="/manage-link" accept-charset="utf-8" novalidate>
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
    </details>
  )
}

export function FormPage({ t, locale, raw, errors, nonce, turnstileSiteKey, formError, linkRequest }: FormPageProps) {
  const hasErrors = Object.keys(errors).length > 0 || Boolean(formError)
  return (
    <Layout
      t={t}
      locale={locale}
      title={t.formTitle}
      switchPath="/"
      tail={
        <>
          {/* Only on a fresh form: after an error the person's own choice stays. */}
          {hasErrors ? null : <script nonce={nonce}>{raw_(TIMEZONE_SCRIPT)}</script>}
          {turnstileSiteKey ? (
            <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer nonce={nonce} />
          ) : null}
        </>
      }
    >
      <h1>{t.formTitle}</h1>
      <p class="lead">{t.formIntro}</p>
      {hasErrors ? (
        <div class="summary" role="alert">
          <p>{formError ?? t.errorSummary}</p>
        </div>
      ) : null}
      {/* novalidate: the server's messages are in the page's language, the browser's are not. */}
      <form method="post" action="/subscribe" accept-charset="utf-8" novalidate>
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
        <CardFields t={t} raw={raw} errors={errors} prefix="f" />
        <PreferenceFields t={t} raw={raw} errors={errors} prefix="f" />
        <div class="hp" aria-hidden="true">
          <label for="f-website">{t.honeypotLabel}</label>
          <input id="f-website" type="text" name="website" value="" tabindex={-1} autocomplete="off" />
        </div>
        {turnstileSiteKey ? <div class="cf-turnstile" data-sitekey={turnstileSiteKey} data-language={locale} /> : null}
        <div class="actions">
          <button type="submit">{t.submitSubscribe}</button>
        </div>
      </form>
      <LinkRequest t={t} locale={locale} email={linkRequest?.email ?? ''} error={linkRequest?.error} />
    </Layout>
  )
}
