// English email copy. Its shape is EmailMessages: every other locale must match it exactly.

export const en = {
  /** BCP 47 tag for the html lang attribute */
  htmlLang: 'en',
  brand: 'SIMKeep',
  tagline: 'Reminders before your prepaid SIM card expires',
  carriers: {
    cmhk: 'China Mobile Hong Kong',
    '3hk': '3HK',
    csl: 'csl',
    smartone: 'SmarTone',
    cuhk: 'China Unicom (Hong Kong)',
    other: 'Other carrier',
  },
  /** the name used when a card has no label and no known carrier */
  /** punctuation that differs between Chinese and English */
  paren: (text: string) => ` (${text})`,
  colon: ': ',
  /** what goes between two sentences: a space in English, nothing in Chinese */
  sentenceGap: ' ',
  unnamedCard: 'Your SIM card',
  validUntil: (date: string) => `Valid until ${date}`,
  confirm: {
    subject: 'Confirm your SIMKeep reminders',
    preheader: 'One tap and we will remind you before your SIM card expires.',
    heading: 'Confirm your reminders',
    intro: (count: number) =>
      count === 1
        ? 'You asked SIMKeep to email you before this SIM card expires:'
        : `You asked SIMKeep to email you before these ${count} SIM cards expire:`,
    button: 'Confirm my reminders',
    buttonHint: 'The button opens a page where one more tap on Confirm switches the reminders on.',
    linkHint: 'The link above opens a page: tap Confirm there to switch the reminders on.',
    validity: (days: number) => `This link works for ${days} days.`,
    ignore: 'Didn’t ask for this? Just ignore this email and we won’t write again.',
  },
  manageLink: {
    subject: 'Your link to manage your SIMKeep reminders',
    preheader: 'One tap opens your cards and reminders.',
    heading: 'Manage your reminders',
    intro: 'We received a request for a link to manage the SIMKeep reminders of this address.',
    button: 'Open my reminders',
    validity: (days: number) => `The link works for ${days} days.`,
    ignore: 'Didn’t ask for it? Just ignore this email: nothing changes.',
  },
  reminder: {
    subject: {
      daysLeft: (label: string, days: number, date: string) =>
        days === 1 ? `${label}: 1 day left (${date})` : `${label}: ${days} days left (${date})`,
      today: (label: string, date: string) => `${label}: expires today (${date})`,
      past: (label: string, date: string) => `${label}: expired on ${date}`,
      expired: (label: string, date: string) => `${label}: expires today (${date}), renew now`,
      balance: (label: string) => `${label}: time to check your balance`,
      balanceMany: (count: number) => `Time to check the balance of your ${count} SIM cards`,
      more: (subject: string, count: number) => `${subject} and ${count} more`,
    },
    status: {
      daysLeft: (days: number) => (days === 1 ? '1 day left' : `${days} days left`),
      today: 'Expires today',
      past: 'Validity has ended',
      balance: 'Monthly balance check',
    },
    preheader: {
      renew: 'Renew in time, and safely: the ways to do it are inside.',
      balance: 'A quick monthly check so your balance doesn’t run out mid-trip.',
    },
    heading: {
      renew: 'Time to renew your SIM card',
      tomorrow: 'Your SIM card expires tomorrow',
      today: 'Your SIM card expires today',
      past: 'Your SIM card’s validity has ended',
      balance: 'Time to check your balance',
    },
    expiredNotice:
      'Top up today on your carrier’s website or app, or with an e-wallet: bank and PPS top-ups are too slow now. If the card has already lapsed, contact your carrier straight away. Don’t count on a grace period: on some cards the number and balance are lost at expiry.',
    expiredLateNotice: (date: string) =>
      `This card’s validity ended on ${date}. Contact your carrier straight away to ask whether the number can still be kept.`,
    balanceNotice:
      'A quick look now means no surprises on your next trip. Check it by calling your carrier’s customer hotline, on its official website, or in its app.',
    autoRenewOff: 'Tip: switch on auto-renewal with your carrier, so a forgotten date never cuts your line.',
    autoRenewOn:
      'Auto-renewal is on: the plan takes its fee from your balance, so keep enough on the card before it renews.',
    renewedButton: 'I’ve renewed',
    calendarLink: 'Add to calendar',
    channelsHeading: 'Four ways to renew',
    channels: {
      website: {
        name: 'Carrier website',
        advice:
          'Use its top-up or renewal page. Type the address yourself or use a bookmark; never follow links in unexpected messages, as fake sites copy carrier pages.',
      },
      app: { name: 'Carrier app', advice: 'Log in and top up anywhere. Keep the app updated and your password safe.' },
      shop: {
        name: 'Carrier shop',
        advice: 'Bring the SIM card and your ID; staff do the rest. Slower but the safest. Check opening hours first.',
      },
      wallet: {
        name: 'WeChat Pay / Alipay',
        advice: 'Both have a top-up option. Make sure it’s the genuine service and watch for fees.',
      },
    },
    tipsHeading: 'Good to know',
    tips: {
      balance: 'Check your balance by calling your carrier’s customer hotline, on its official website, or in its app.',
      bank: 'Topping up by bank or PPS? Do it at least 3 working days before expiry: it can take 2 working days to arrive.',
      minimum: 'On some cards only a top-up above a minimum amount extends validity. Check your card’s minimum.',
      early: 'On some cards topping up very early adds no extra days.',
      receipt: 'Check the amount before you pay, and keep the receipt.',
      arrival: 'Top-ups normally arrive within 24 hours. If yours hasn’t, contact customer service.',
      dualNumber: 'Two numbers on one card? The mainland number can lapse on its own, so check it too.',
    },
  },
  footer: {
    whyConfirm: 'You got this email because this address was entered on SIMKeep.',
    whyReminder: 'You get these emails because you subscribed to SIMKeep reminders.',
    safety: 'SIMKeep never asks for payment details and never tops up cards for you.',
    manage: 'Manage my cards',
    unsubscribe: 'Unsubscribe',
    unsubscribeText: 'Unsubscribe from all SIMKeep emails',
    stopBalance: 'Stop balance checks only',
    operator: (name: string) => `SIMKeep is run by ${name}.`,
    privacy: 'Privacy',
  },
}

/** The shape every locale's email copy must have. */
export type EmailMessages = typeof en
