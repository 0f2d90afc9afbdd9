// Route: GET /privacy, in the page language, with the retention periods the cron really applies.
import { Hono } from 'hono'
import { DONE_TTL_MS, PENDING_TTL_MS } from '../cron/run'
import type { AppEnv } from '../env'
import { PRIVACY_MESSAGES } from '../i18n/privacy'
import { PrivacyPage } from '../views/privacy-page'
import { messages, sendPage } from './respond'

const DAY_MS = 86_400_000

export const privacyRoutes = new Hono<AppEnv>()

privacyRoutes.get('/', (c) => {
  const locale = c.get('locale')
  return sendPage(
    c,
    <PrivacyPage
      t={messages(c)}
      p={PRIVACY_MESSAGES[locale]}
      locale={locale}
      operator={c.get('config').operator}
      pendingDays={Math.round(PENDING_TTL_MS / DAY_MS)}
      doneDays={Math.round(DONE_TTL_MS / DAY_MS)}
    />,
  )
})
