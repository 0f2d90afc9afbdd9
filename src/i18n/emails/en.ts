// English email copy. Its shape is EmailMessages: every other locale must match it exactly.

/** A list of channel names can start with a lower-case one ("bank ATM"); a sentence cannot. */
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export const en = {
  /** BCP 47 tag for the html lang attribute */
  htmlLang: 'en',
  brand: 'SIMKeep',
  tagline: 'Reminders before your SIM card expires',
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
    preheader: 'One tap and we’ll remind you before your SIM card expires.',
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
    intro: 'We received a request for a link to manage the SIMKeep reminders for this address.',
    button: 'Open my reminders',
    validity: (days: number) => `This link works for ${days} days.`,
    ignore: 'Didn’t ask for it? Just ignore this email: nothing changes.',
  },
  reminder: {
    subject: {
      daysLeft: (label: string, days: number, date: string) =>
        days === 1 ? `${label}: 1 day left (${date})` : `${label}: ${days} days left (${date})`,
      today: (label: string, date: string) => `${label}: expires today (${date})`,
      past: (label: string, date: string) => `${label}: expired on ${date}`,
      expired: (label: string, date: string) => `${label}: expires today (${date}), renew now`,
      /** lead day 0 of a plan that renews itself: "before" today would be past */
      keepFeeToday: (label: string, amount: string) => `${label}: the plan takes ${amount} from the balance today`,
      keepPlanFeeToday: (label: string) => `${label}: the plan takes its fee from the balance today`,
      keepFee: (label: string, amount: string, date: string) => `${label}: keep ${amount} on the card before ${date}`,
      keepPlanFee: (label: string, date: string) => `${label}: keep the plan’s fee on the card before ${date}`,
      followup: (label: string, date: string) => `${label}: did you renew? It expired on ${date}`,
      renewCheck: (label: string, date: string) => `${label}: did the plan renew on ${date}?`,
      balance: (label: string) => `${label}: time to check your balance`,
      balanceMany: (count: number) => `Time to check the balance of your ${count} SIM cards`,
      // After a subject that ends in "?" a new sentence, not "?, plus".
      more: (subject: string, count: number) =>
        `${subject}${subject.endsWith('?') ? ' Plus' : ', plus'} ${count} more ${count === 1 ? 'reminder' : 'reminders'}`,
    },
    status: {
      daysLeft: (days: number) => (days === 1 ? '1 day left' : `${days} days left`),
      today: 'Expires today',
      past: 'Validity has ended',
      renewsIn: (days: number) =>
        days === 0
          ? 'The plan renews today'
          : days === 1
            ? 'The plan renews tomorrow'
            : `The plan renews in ${days} days`,
      renewCheck: 'Renewal day has passed',
      balance: 'Monthly balance check',
    },
    preheader: {
      renew: 'By when, how and how much to top up: it’s all inside.',
      keepFee: 'The plan takes its fee from the balance: keep enough on the card.',
      followup: 'If you haven’t topped up yet, contact your carrier now.',
      renewCheck: 'Check the new expiry in your carrier’s app or SMS.',
      balance: 'A quick monthly check so your balance doesn’t run out mid-trip.',
    },
    heading: {
      renew: 'Time to renew your SIM card',
      tomorrow: 'Your SIM card expires tomorrow',
      today: 'Your SIM card expires today',
      past: 'Your SIM card’s validity has ended',
      keepFee: 'Keep enough on the card for its renewal',
      followup: 'Did you renew in time?',
      renewCheck: 'Did your plan renew?',
      balance: 'Time to check your balance',
    },
    todoHeading: 'What to do this time',
    todo: {
      topUpBy: (date: string) => `Top up by ${date}. Miss it, and some cards lose their number and balance.`,
      topUpToday:
        'Top up today, by card or e-wallet in the carrier’s app or on its website: PPS, bank and ATM top-ups are too slow now.',
      keepFeeToday: (amount: string) =>
        `The plan takes ${amount} from the balance today: make sure at least that much is on the card now, or the plan lapses.`,
      keepPlanFeeToday:
        'The plan takes its fee from the balance today: make sure enough is on the card now, or the plan lapses.',
      keepFee: (amount: string, date: string) =>
        `Keep at least ${amount} on the card before ${date}: the plan takes its fee from the balance that day and lapses if the balance is short.`,
      keepPlanFee: (date: string) =>
        `Keep at least the plan’s fee on the card before ${date}: the plan takes it from the balance that day and lapses if the balance is short.`,
      /** the carrier cancels a pack whose card has under a month of validity left on its day */
      packValidity: (carrier: string) =>
        `${carrier} also cancels the plan if, on the renewal day, the card has less than a month of validity left: check the card’s own expiry too.`,
      /** `channels`: the card's slow channels, "PPS or bank ATM" (slowChannel names, joined) */
      slowBy: (channels: string, date: string) =>
        `${upperFirst(channels)}: pay by ${date} at the latest (it can take up to 2 working days to arrive).`,
      slowPast: (channels: string, date: string) =>
        `Too late for ${channels} now (the last safe day was ${date}): use a way that tops up within minutes.`,
      validity: (carrier: string, tiers: string) => `On some ${carrier} cards, ${tiers}, counted from the top-up day.`,
      tier: (amount: string, days: number) => `${amount} or more gives ${days} days`,
      /** a tier below the next one: "HK$10 to HK$49 gives 30 days" */
      tierUpTo: (amount: string, upTo: string, days: number) => `${amount} to ${upTo} gives ${days} days`,
      lapsed: (carrier: string) =>
        `If the card has already stopped working, contact ${carrier} at once. Don’t count on a grace period: on some cards the number and balance are lost at expiry.`,
      grace: (carrier: string, days: number) =>
        `${carrier} says a top-up within ${days} days after expiry still restores the card, but the balance is lost.`,
      hotline: (number: string) => `Hotline: ${number}.`,
      followupDone: 'Topped up in time? Tap “I’ve renewed” and enter the new expiry from the carrier’s app or SMS.',
      followupNot: (carrier: string) =>
        `Not yet? Contact ${carrier} at once and ask whether the number can still be kept: on some cards the number and balance are lost at expiry.`,
      renewCheckAsk: (date: string, amount: string) =>
        `The plan was due to renew on ${date} by taking ${amount} from the balance. Check the new expiry in the carrier’s app or SMS.`,
      renewCheckAskPlanFee: (date: string) =>
        `The plan was due to renew on ${date} by taking its fee from the balance. Check the new expiry in the carrier’s app or SMS.`,
      renewCheckRolled: (date: string) =>
        `We’ve moved the expiry to ${date}. If that’s right, there’s nothing to do. Another date, or did the plan lapse? Correct it below.`,
      renewCheckUnknown: 'Tell us the new expiry, so your reminders carry on.',
      balanceFee: (amount: string, date: string) =>
        `The plan renews on ${date}: keep at least ${amount} on the card for it.`,
      realName:
        'Real-name registration done? Unregistered cards are cut off, and can be reactivated only while still valid. A mainland number on the card needs mainland registration too, and may have its own fee or pass.',
    },
    theCarrier: 'your carrier',
    channelsHeading: (carrier: string) => `Topping up with ${carrier}`,
    channelsGeneral: 'Ways to top up',
    channel: {
      online: (app: string, payments: string) => `${app} app or website, by ${payments}`,
      onlineGeneral: (payments: string) => `The carrier’s app or website, by ${payments}`,
      anyPayment: 'card or e-wallet',
      voucher: 'Top-up voucher, entered by its code',
      pps: 'PPS',
      jetco: 'JETCO bank ATM',
      hsbc: 'HSBC or Hang Seng bill payment',
      atm: 'Bank ATM',
      shop: 'The carrier’s shop, with the SIM card and your ID',
      merchantCode: (code: string) => `merchant code ${code}`,
      billType: (code: string) => `bill type ${code}`,
      // A no-break space: the amount never ends a line apart from its word.
      from: (amount: string) => `from\u00a0${amount}`,
      minutes: 'within minutes',
      usuallyMinutes: 'usually within minutes',
      /** the carrier's page warns it can take until the next working day: a top-up on the last day may be late */
      usuallyMinutesSometimesNextDay: 'usually within minutes, sometimes the next working day',
      slow: 'up to 2 working days',
    },
    /** the slow channels as named in the last-safe-day sentence (the first mention of PPS in an email) */
    slowChannel: {
      pps: 'PPS',
      jetco: 'JETCO bank ATM',
      hsbc: 'HSBC/Hang Seng bill payment',
      atm: 'bank ATM',
    },
    payments: {
      credit_card: 'credit card',
      unionpay: 'UnionPay',
      alipayhk: 'AlipayHK',
      wechat_pay: 'WeChat Pay HK',
      octopus: 'Octopus',
      payme: 'PayMe',
    },
    /** joins list items: "a, b or c" */
    listComma: ', ',
    listOr: ' or ',
    listAnd: ' and ',
    addressLabel: 'Official site, type it yourself',
    expiredLateNotice: (date: string) =>
      `This card’s validity ended on ${date}. Contact your carrier straight away to ask whether the number can still be kept.`,
    balanceNotice:
      'A quick look at the balance now means no surprises on your next trip: check it in the carrier’s app, on its website or by its hotline.',
    renewedButton: 'I’ve renewed',
    confirmDateButton: 'Confirm or correct the date',
    calendarLink: 'Add to calendar',
    tipsHeading: 'Good to know',
    tips: {
      early: 'On some cards topping up very early adds no days: validity counts from the top-up day.',
      receipt:
        'Check the amount and keep the receipt. Not arrived within 24 hours (2 working days by PPS or bank)? Call the carrier.',
      /** instead of `receipt` when a card expires today or tomorrow, or has expired: a day’s wait is too long */
      receiptNow:
        'Check the amount and keep the receipt. Not arrived soon after paying? Call the carrier the same day: don’t wait.',
      phishing: 'Never top up through a link in an unexpected message: fake sites copy carrier pages.',
    },
  },
  footer: {
    whyConfirm: 'You got this email because this address was entered on SIMKeep.',
    whyReminder: 'You subscribed to SIMKeep reminders at this address.',
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
