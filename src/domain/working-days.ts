// Hong Kong working days and the last safe day for slow (bank, ATM, PPS) top-ups. Pure.
//
// Decisions:
// - A working day is Monday to Friday and not a Hong Kong general holiday. Saturdays count as
//   non-working even though the General Holidays Ordinance does not make them holidays: banks and
//   carriers' back offices that credit bank/PPS payments do not process them on Saturdays.
// - Holidays are carried as data for the years below; outside them only weekends are known, so a
//   date there is a working day whenever it is a weekday (the contract's "beyond the lists").
// - The last safe day D for expiry E is the latest working day whose second working day after it
//   is on or before E (contract: "Scheduling rules"). On D itself a slow top-up is still in time;
//   it is past from the day after D.
import { addDays } from './zoned-time'

/** How many working days a bank, ATM or PPS top-up can take to arrive (csl's and SmarTone's pages). */
export const SLOW_TOP_UP_WORKING_DAYS = 2

export interface HolidayList {
  year: number
  /** where the list was read, and the date it was checked */
  source: string
  checkedOn: string
  /** how sure: 'gazetted' = the Government's own list; 'derived' = secondary lists checked against the ordinance */
  basis: 'gazetted' | 'derived'
  /** the general holidays other than Sundays, YYYY-MM-DD */
  dates: readonly string[]
}

/**
 * 2026: the Government's gazetted list (press release 政府公布二○二六年公眾假期, 16 May 2025, read
 * through its Simplified Chinese mirror sc.isd.gov.hk), also at https://www.gov.hk/en/about/abouthk/holiday/2026.htm. Substitutions in it: Ching Ming
 * (Sun 5 Apr) falls on Easter Sunday and its substitute day on Easter Monday, so Tue 7 Apr; the
 * Buddha's Birthday (Sun 24 May) → Mon 25 May; Chung Yeung (Sun 18 Oct) → Mon 19 Oct.
 */
const HOLIDAYS_2026: HolidayList = {
  year: 2026,
  source: 'https://www.info.gov.hk/gia/general/202505/16/P2025051300354.htm',
  checkedOn: '2026-11-29',
  basis: 'gazetted',
  dates: [
    '2026-01-01', // the first day of January
    '2026-02-17', // Lunar New Year's Day
    '2026-02-18', // the second day of Lunar New Year
    '2026-02-19', // the third day of Lunar New Year
    '2026-04-03', // Good Friday
    '2026-04-04', // the day following Good Friday
    '2026-04-06', // the day following Ching Ming Festival (Easter Monday)
    '2026-04-07', // the day following Easter Monday
    '2026-05-01', // Labour Day
    '2026-05-25', // the day following the Birthday of the Buddha
    '2026-06-19', // Tuen Ng Festival
    '2026-07-01', // HKSAR Establishment Day
    '2026-09-26', // the day following the Chinese Mid-Autumn Festival (a Saturday)
    '2026-10-01', // National Day
    '2026-10-19', // the day following Chung Yeung Festival
    '2026-12-25', // Christmas Day
    '2026-12-26', // the first weekday after Christmas Day (a Saturday)
  ],
}

/**
 * 2027: the Government's own 2027 page (https://www.gov.hk/en/about/abouthk/holiday/2027.htm) could
 * not be read from here. The dates are from secondary reports of the gazetted list (a2znews.uk
 * article 28468, public-holidays.us HK 2027) and were checked against the General Holidays
 * Ordinance (Cap. 149) rules: a holiday on a Sunday moves to the next day that is not itself a
 * holiday; when the first, second or third day of Lunar New Year is a Sunday the fourth day is the
 * substitute. Lunar New Year's Day is Sat 6 Feb 2027, so its second day is Sunday 7 Feb and the
 * fourth day (Tue 9 Feb) is the substitute; Christmas Day is a Saturday, Boxing Day a Sunday, so
 * "the first weekday after Christmas Day" is Mon 27 Dec. Lunar dates (Buddha 13 May, Tuen Ng 9 Jun,
 * Mid-Autumn 15 Sep, Chung Yeung 8 Oct) were checked against the Chinese calendar; Easter Sunday
 * is 28 Mar. Replace with the gazetted page when it can be read.
 */
const HOLIDAYS_2027: HolidayList = {
  year: 2027,
  source: 'https://www.gov.hk/en/about/abouthk/holiday/2027.htm',
  checkedOn: '2026-11-29',
  basis: 'derived',
  dates: [
    '2027-01-01', // the first day of January
    '2027-02-06', // Lunar New Year's Day (a Saturday)
    '2027-02-08', // the third day of Lunar New Year
    '2027-02-09', // the fourth day of Lunar New Year (the second day is a Sunday)
    '2027-03-26', // Good Friday
    '2027-03-27', // the day following Good Friday
    '2027-03-29', // Easter Monday
    '2027-04-05', // Ching Ming Festival
    '2027-05-01', // Labour Day (a Saturday)
    '2027-05-13', // the Birthday of the Buddha
    '2027-06-09', // Tuen Ng Festival
    '2027-07-01', // HKSAR Establishment Day
    '2027-09-16', // the day following the Chinese Mid-Autumn Festival
    '2027-10-01', // National Day
    '2027-10-08', // Chung Yeung Festival
    '2027-12-25', // Christmas Day (a Saturday)
    '2027-12-27', // the first weekday after Christmas Day
  ],
}

export const HOLIDAY_LISTS: readonly HolidayList[] = [HOLIDAYS_2026, HOLIDAYS_2027]

const HOLIDAYS = new Set(HOLIDAY_LISTS.flatMap((l) => l.dates))

/** Whether the general holidays of `year` are known (outside: weekends only). */
export function holidaysKnownFor(year: number): boolean {
  return HOLIDAY_LISTS.some((l) => l.year === year)
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/** Whether `date` (YYYY-MM-DD) is a Hong Kong working day: Monday–Friday and not a general holiday. */
export function isWorkingDay(date: string): boolean {
  const d = weekday(date)
  return d !== 0 && d !== 6 && !HOLIDAYS.has(date)
}

/** The latest working day on or before `date`. */
export function workingDayOnOrBefore(date: string): string {
  let d = date
  while (!isWorkingDay(d)) d = addDays(d, -1)
  return d
}

/** The working day `n` working days after `date` (n ≥ 1); `date` itself need not be a working day. */
export function addWorkingDays(date: string, n: number): string {
  let d = date
  for (let left = n; left > 0; ) {
    d = addDays(d, 1)
    if (isWorkingDay(d)) left--
  }
  return d
}

/**
 * The last safe day for a bank, ATM or PPS top-up that must arrive by `neededBy` (YYYY-MM-DD; the
 * expiry E, or the day before for a plan that renews itself: domain/renewal `moneyNeededBy`): the
 * latest working day D such that the second working day after D is on or before that day.
 * Example (contract): E = Tue 29 Dec 2026 → D = Thu 24 Dec 2026.
 */
export function lastSafeDay(neededBy: string): string {
  // The last working day ≤ E is the latest possible "second working day after D"; step back two.
  let d = workingDayOnOrBefore(neededBy)
  for (let i = 0; i < SLOW_TOP_UP_WORKING_DAYS; i++) d = workingDayOnOrBefore(addDays(d, -1))
  return d
}

/** Whether the last safe day for money needed by `neededBy` is already past on the local date `today`. */
export function lastSafeDayPassed(neededBy: string, today: string): boolean {
  return today > lastSafeDay(neededBy)
}
