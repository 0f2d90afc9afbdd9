// The carrier guides as data: only facts read on the carrier's or the regulator's own pages.
//
// Rules (docs: /work/shared/brief/carriers.md is the research log behind this file):
// - A fact ships only when an official page states it and no official page contradicts it; each
//   carries its page and the date it was read. "Not found" means the field is absent, never a guess.
// - Facts that come from a page about one product (one card) name that product, so the wording can
//   say "on some cards" instead of making it the carrier's rule.
// - Pages marked "re-read" were opened again on the check date; the others are as recorded in
//   carriers.md in November 2026 (the stored copy could not be found again here).
import type { CarrierGuide, Contradiction, Source } from './carrier-facts'

const CHECKED = '2026-11-29'
const src = (url: string): Source => ({ url, checkedOn: CHECKED })

const CMHK_TOP_UP = src(
  'https://eshop.hk.chinamobile.com/en/corporate_information/Prepaid_SIM/prepaid_services/prepaid-services-vas-method.html',
) // re-read
const CMHK_TOURIST = src(
  'https://www.hk.chinamobile.com/en/corporate_information/Prepaid_SIM/discontinuedCards/prepaid-services-traveller.html',
) // re-read
const SMARTONE_TOP_UP = src('https://www.smartone.com/en/mobile_and_price_plans/prepaid/data_sim/top_up_methods.jsp') // re-read
const SMARTONE_TOP_UP_PRODUCT = '$98 Data Prepaid SIM Card (China-HK-Macau)'
const SMARTONE_PACKS = src(
  'https://www.smartone.com/tc/mobile_and_price_plans/prepaid/broadband_sim/charges_enhance.jsp',
) // re-read

export const CARRIER_GUIDES: readonly CarrierGuide[] = [
  {
    carrier: 'cmhk',
    name: { 'zh-Hant': '中國移動香港', 'zh-Hans': '中国移动香港', en: 'China Mobile Hong Kong' },
    address: { text: 'www.hk.chinamobile.com', source: CMHK_TOURIST },
    hotline: {
      number: '2945 8888',
      // re-read: "24-Hour Customer Care Hotline 2945 8888"
      source: src(
        'https://www.hk.chinamobile.com/en/corporate_information/Customer_Service/service_user_guide/aftersales/customer-support-aftersales-changedetails.html',
      ),
    },
    channels: [
      {
        kind: 'online',
        app: 'MyLink',
        payments: ['credit_card', 'unionpay', 'alipayhk', 'wechat_pay'],
        speed: 'minutes',
        usually: true, // "within 15 minutes; under special circumstances … the next working day"
        sometimesNextWorkingDay: true,
        minHkd: 50,
        maxHkd: 1000,
        source: CMHK_TOP_UP,
      },
      { kind: 'pps', minHkd: 30, source: CMHK_TOURIST, product: 'Tourist Talk Prepaid SIM Card' },
    ],
    validity: {
      tiers: [
        { minHkd: 10, days: 30 },
        { minHkd: 50, days: 180 },
      ],
      fromTopUpDay: true,
      source: CMHK_TOURIST,
      product: 'Tourist Talk Prepaid SIM Card',
    },
    oneCardTwoNumbers: {
      source: src(
        'https://www.hk.chinamobile.com/sc/corporate_information/Prepaid_SIM/discontinuedCards/prepaid-services-1c2n.html',
      ),
    },
    replaceOnlyWithinValidity: {
      // re-read
      source: src(
        'https://eshop.hk.chinamobile.com/en/corporate_information/Prepaid_SIM/prepaid_services/prepaid-services-lost-replace.html',
      ),
    },
  },
  {
    carrier: '3hk',
    name: { 'zh-Hant': '3HK', 'zh-Hans': '3HK', en: '3HK' },
    address: { text: 'www.three.com.hk', source: src('https://web.three.com.hk/prepaid/cs/index-en.html') },
    channels: [],
    // re-read: "For auto-recurrent packages, the package fee will be deducted automatically from SIM
    // card if the remaining balance is enough."
    packsFromBalance: { source: src('https://web.three.com.hk/prepaid/cs/index-en.html') },
  },
  {
    carrier: 'csl',
    name: { 'zh-Hant': 'csl', 'zh-Hans': 'csl', en: 'csl' },
    address: { text: 'prepaid.hkcsl.com', source: src('https://www.hkcsl.com/tc/game-easy-pack/') }, // re-read
    channels: [
      { kind: 'online', source: src('https://www.hkcsl.com/tc/game-easy-pack/') },
      {
        kind: 'pps',
        merchantCode: '9121',
        minHkd: 50,
        maxHkd: 300,
        speed: 'working_days',
        source: src('https://www.hkcsl.com/en/pps'),
      },
      {
        kind: 'atm',
        network: 'jetco',
        merchantCode: '8121',
        minHkd: 50,
        speed: 'working_days',
        source: src('https://www.hkcsl.com/tc/atm-jetco-terminals/'), // re-read
      },
      {
        kind: 'atm',
        network: 'hsbc_hang_seng',
        billType: '04',
        minHkd: 50,
        speed: 'working_days',
        source: src('https://www.hkcsl.com/tc/atm-jetco-terminals/'), // re-read
      },
    ],
    autoRechargePostpaidOnly: { source: src('https://www.hkcsl.com/en/auto-recharge-service/') }, // re-read
  },
  {
    carrier: 'smartone',
    name: { 'zh-Hant': 'SmarTone', 'zh-Hans': 'SmarTone', en: 'SmarTone' },
    address: { text: 'www.smartone.com', source: SMARTONE_TOP_UP },
    channels: [
      { kind: 'voucher', speed: 'minutes', source: SMARTONE_TOP_UP, product: SMARTONE_TOP_UP_PRODUCT },
      { kind: 'online', payments: ['credit_card'], source: SMARTONE_TOP_UP, product: SMARTONE_TOP_UP_PRODUCT },
      // "Top up effective time via 'Jetco' / 'ETC', within 30 minutes / 2 working days respectively"
      { kind: 'atm', network: 'jetco', speed: 'minutes', source: SMARTONE_TOP_UP, product: SMARTONE_TOP_UP_PRODUCT },
      {
        kind: 'atm',
        network: 'hsbc_hang_seng',
        speed: 'working_days',
        source: SMARTONE_TOP_UP,
        product: SMARTONE_TOP_UP_PRODUCT,
      },
      {
        kind: 'pps',
        merchantCode: '30',
        speed: 'working_days',
        source: SMARTONE_TOP_UP,
        product: SMARTONE_TOP_UP_PRODUCT,
      },
    ],
    // re-read: a monthly pack is cancelled when on its day the balance is short or validity < 1 month
    packsFromBalance: { source: SMARTONE_PACKS },
    packNeedsMonthOfValidity: { source: SMARTONE_PACKS },
  },
  {
    carrier: 'cuhk',
    name: { 'zh-Hant': '中國聯通香港', 'zh-Hans': '中国联通香港', en: 'China Unicom (Hong Kong)' },
    address: { text: 'www.cuniq.com', source: src('https://www.cuniq.com/hk_en/realname.html') }, // re-read
    channels: [],
    // re-read: unregistered mainland numbers of 1C2N prepaid cards were cancelled from 31 Aug 2017
    oneCardTwoNumbers: { source: src('https://www.cuniq.com/hk_en/realname.html') },
  },
]

/** Facts on which official pages disagree: never shipped (a test holds the guides to this). */
export const CONTRADICTIONS: readonly Contradiction[] = [
  {
    carrier: 'cmhk',
    fact: 'balanceCheck',
    values: ['*#130#', '*#131#'],
    why: 'CMHK pages give two different balance codes',
  },
]

/** Regulator facts that hold for every Hong Kong prepaid SIM, whatever the carrier. */
export const REGULATOR_FACTS = {
  /** real-name registration is mandatory since this date; an unregistered card is deactivated */
  realNameSince: {
    date: '2023-02-24',
    source: src('https://www.ofca.gov.hk/en/news_info/press_releases/index_id_2304.html'), // re-read
  },
  /** a deactivated card can be registered and reactivated only while still within validity */
  reactivateOnlyWithinValidity: {
    source: src('https://www.ofca.gov.hk/en/consumer_focus/alerts/rnr_arrangement/index.html'), // re-read
  },
  /** the mainland number of a one-card-multiple-numbers card can be suspended without mainland details */
  mainlandNumberNeedsMainlandRegistration: {
    source: src(
      'https://www.ofca.gov.hk/sc/consumer_focus/guide/general/consumer_alert_on_single_card_multiple_numbers/',
    ),
  },
} as const
