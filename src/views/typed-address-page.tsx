// "Check your inbox" answers that echo the address exactly as typed (never the stored one), so a
// typo can be spotted while the page stays the same whatever the address's state.
import type { Locale } from '../domain/types'
import type { PageMessages } from '../i18n/pages'
import { MessagePage } from './message-page'

export function TypedAddressPage(props: { t: PageMessages; locale: Locale; body: keyof PageMessages; typed: string }) {
  const { t } = props
  const [before = '', after = ''] = t[props.body].split('{email}')
  return (
    <MessagePage t={t} locale={props.locale} title={t.sentTitle} lines={[]}>
      <p>
        {before}
        <strong>{props.typed}</strong>
        {after}
      </p>
      <p>{t.sentSpam}</p>
    </MessagePage>
  )
}
