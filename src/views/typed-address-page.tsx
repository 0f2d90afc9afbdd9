// "Check your inbox" answers that echo the address exactly as typed (never the stored one), so a
// typo can be spotted while the page stays the same whatever the address's state.
import type { PageMessages } from '../i18n/pages'
import { MessagePage } from './message-page'
import { type Ctx, messages, sendPage } from './respond'

export function sendTypedAddressPage(c: Ctx, body: keyof PageMessages, typed: string) {
  const t = messages(c)
  const [before = '', after = ''] = t[body].split('{email}')
  return sendPage(
    c,
    <MessagePage t={t} locale={c.get('locale')} title={t.sentTitle} lines={[]}>
      <p>
        {before}
        <strong>{typed}</strong>
        {after}
      </p>
      <p>{t.sentSpam}</p>
    </MessagePage>,
  )
}
