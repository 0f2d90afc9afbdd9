// The "More settings" summary: the choices hidden under the disclosure, in words ("Reminders 14, 7 and
// 1 days before, 9 am Hong Kong Time, in English"). The page script rebuilds it the same way on change.

import { leadDayValue, type RawForm } from '../domain/raw-form'
import { isLocale, type Locale } from '../domain/types'
import { INTL_LOCALE } from '../i18n/format'
import { fill, LANGUAGE_NAMES, type PageMessages } from '../i18n/pages'
import { zoneName } from './time-zones'

function list(intl: string, items: string[]): string {
  try {
    return new Intl.ListFormat(intl, { type: 'conjunction' }).format(items)
  } catch {
    return items.join(', ')
  }
}

/**
 * "9 am" / "上午9時" / "上午9点": the send hour as people say it, kept on one line (no-break space, word
 * joiners). Intl writes zh-CN's as 上午9时, the form of official notices; mainland readers say 9点.
 */
export function hourText(hour: number, intl: string): string {
  const formatted = new Intl.DateTimeFormat(intl, { hour: 'numeric', hour12: true, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 1, hour)),
  )
  const text = intl === 'zh-CN' ? formatted.replace(/时$/, '点') : formatted
  return [...text].map((ch) => (/\s/.test(ch) ? '\u00a0' : ch)).join('\u2060')
}

/**
 * "14、7 及 1": Intl joins Chinese list items with no space ("14、7及1"), but the copy sets numbers
 * apart from Han characters ("到期前 14 日"), so a conjunction between two numbers gets spaces too.
 * Latin lists are untouched (their conjunction is already spaced). The page script does the same.
 */
export function numberList(intl: string, nums: number[]): string {
  return list(intl, nums.map(String)).replace(/(\d)([^\s\d\u3001,]+)(\d)/g, '$1 $2 $3')
}

/** The reminder days part: "14, 7 and 1 days before and on the expiry day". */
export function daysText(t: PageMessages, intl: string, leadDays: number[]): string {
  const nums = [...new Set(leadDays)].filter((n) => n > 0).sort((a, b) => b - a)
  const parts: string[] = []
  if (nums.length === 1 && nums[0] === 1) parts.push(t.moreDayOne)
  else if (nums.length > 0) parts.push(fill(t.moreDays, { list: numberList(intl, nums) }))
  if (leadDays.includes(0)) parts.push(t.leadOnTheDayInList)
  return list(intl, parts)
}

export function moreSummary(t: PageMessages, locale: Locale, raw: RawForm, sendHour: number): string {
  const intl = INTL_LOCALE[locale]
  const days = raw.lead_days.map(leadDayValue).filter((n): n is number => n !== null)
  const language = isLocale(raw.locale) ? LANGUAGE_NAMES[raw.locale] : LANGUAGE_NAMES[locale]
  const parts = [
    days.length ? fill(t.moreReminders, { days: daysText(t, intl, days) }) : '',
    fill(t.moreTime, { time: hourText(sendHour, intl), zone: zoneName(raw.timezone, intl) ?? raw.timezone }),
    fill(t.moreLanguage, { language }),
    /^\d{1,4}$/.test(raw.cycle_days) ? fill(t.moreCycle, { n: raw.cycle_days }) : '',
    raw.balance_check === 'monthly' ? t.moreBalance : '',
    raw.auto_renew ? t.moreAuto : '',
  ]
  return parts.filter(Boolean).join(t.moreJoin)
}

/** What the page script needs to rebuild the summary in the browser, as one JSON attribute. */
export function summaryTemplates(t: PageMessages, locale: Locale, sendHour: number): string {
  const intl = INTL_LOCALE[locale]
  return JSON.stringify({
    intl,
    time: hourText(sendHour, intl),
    languages: LANGUAGE_NAMES,
    ...Object.fromEntries(
      (
        [
          'moreReminders',
          'moreDays',
          'moreDayOne',
          'moreTime',
          'moreLanguage',
          'moreCycle',
          'moreBalance',
          'moreAuto',
          'moreJoin',
          'leadOnTheDayInList',
        ] as const
      ).map((k) => [k, t[k]]),
    ),
  })
}
