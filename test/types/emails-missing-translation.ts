// Compile-time proof: a locale missing an email translation, or adding a stray one, fails tsc.
import type { EmailMessages } from '../../src/i18n/emails'
import { en } from '../../src/i18n/emails/en'

const { footer, ...withoutFooter } = en
const { unsubscribe, ...footerWithoutUnsubscribe } = footer

// @ts-expect-error: `footer` is missing
export const missingSection = { ...withoutFooter } satisfies EmailMessages

export const missingKey = {
  ...en,
  // @ts-expect-error: `footer.unsubscribe` is missing
  footer: { ...footerWithoutUnsubscribe },
} satisfies EmailMessages

export const wrongType = {
  ...en,
  reminder: {
    ...en.reminder,
    status: {
      ...en.reminder.status,
      // @ts-expect-error: daysLeft must be a function of the number of days, not a fixed string
      daysLeft: '7 days left',
    },
  },
} satisfies EmailMessages

void unsubscribe
