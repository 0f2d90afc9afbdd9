// Traditional Chinese email copy, in Hong Kong usage (增值、續期、餘額、電郵).
import type { EmailMessages } from './en'

export const zhHant = {
  htmlLang: 'zh-Hant-HK',
  brand: 'SIMKeep',
  tagline: '保號提醒：儲值卡到期前提醒你增值',
  carriers: {
    cmhk: '中國移動香港',
    '3hk': '3HK',
    csl: 'csl',
    smartone: 'SmarTone',
    cuhk: '中國聯通香港',
    other: '其他電訊商',
  },
  paren: (text: string) => `（${text}）`,
  colon: '：',
  /** what goes between two sentences: a space in English, nothing in Chinese */
  sentenceGap: '',
  unnamedCard: '你的 SIM 卡',
  validUntil: (date: string) => `有效期至${date}`,
  confirm: {
    subject: '請確認你的 SIMKeep 保號提醒',
    preheader: '按一下確認，我們便會在 SIM 卡到期前以電郵提醒你。',
    heading: '確認你的保號提醒',
    intro: (count: number) =>
      count === 1
        ? '你已要求 SIMKeep 在這張 SIM 卡到期前提醒你：'
        : `你已要求 SIMKeep 在這 ${count} 張 SIM 卡到期前提醒你：`,
    button: '確認提醒',
    buttonHint: '按鈕會開啟一個網頁，在網頁上再按一次「確認」，提醒便會開始。',
    linkHint: '上面的連結會開啟一個網頁，在網頁上按「確認」，提醒便會開始。',
    validity: (days: number) => `此連結於 ${days} 日內有效。`,
    ignore: '如果不是你提出的，不用理會這封電郵，我們不會再聯絡你。',
  },
  manageLink: {
    subject: '你的 SIMKeep 提醒管理連結',
    preheader: '按一下便可打開你的卡和提醒。',
    heading: '管理你的提醒',
    intro: '我們收到索取此地址 SIMKeep 提醒管理連結的要求。',
    button: '打開我的提醒',
    validity: (days: number) => `連結 ${days} 日內有效。`,
    ignore: '如果不是你索取的，不用理會這封電郵，甚麼都不會改變。',
  },
  reminder: {
    subject: {
      daysLeft: (label: string, days: number, date: string) => `${label}：尚餘 ${days} 日（${date}到期）`,
      today: (label: string, date: string) => `${label}：今日到期（${date}）`,
      past: (label: string, date: string) => `${label}：已於${date}到期`,
      expired: (label: string, date: string) => `${label}：今日（${date}）到期，請即續期`,
      balance: (label: string) => `${label}：是時候查一查餘額`,
      balanceMany: (count: number) => `是時候查一查 ${count} 張 SIM 卡的餘額`,
      more: (subject: string, count: number) => `${subject}，另有 ${count} 項提醒`,
    },
    status: {
      daysLeft: (days: number) => `尚餘 ${days} 日`,
      today: '今日到期',
      past: '有效期已過',
      balance: '每月查餘額',
    },
    preheader: {
      renew: '記得及時續期，並用安全的方法增值：詳情見內文。',
      balance: '每月查一查，出行時就不怕餘額不足。',
    },
    heading: {
      renew: '是時候為 SIM 卡續期',
      tomorrow: 'SIM 卡明日到期',
      today: 'SIM 卡今日到期',
      past: 'SIM 卡有效期已過',
      balance: '是時候查一查餘額',
    },
    expiredNotice:
      '請今日內經電訊商網站、App 或電子錢包增值；銀行轉賬或繳費靈（PPS）已經來不及。如果卡已經失效，請立即聯絡電訊商。不要指望有寬限期：有些卡一到期，號碼和餘額便會失去。',
    expiredLateNotice: (date: string) => `這張卡的有效期已於${date}結束。請立即聯絡電訊商，查詢號碼能否保留。`,
    balanceNotice: '現在花一分鐘查看，下次出行便不會措手不及。可致電電訊商客戶服務熱線，或到官方網站、App 查詢。',
    autoRenewOff: '小貼士：向電訊商開啟自動續期，即使忘記日子也不會斷線。',
    autoRenewOn: '已開啟自動續期：計劃會從卡內餘額扣費，請在續期前留足餘額。',
    renewedButton: '我已續期',
    calendarLink: '加入日曆',
    channelsHeading: '四種續期方法',
    channels: {
      website: {
        name: '電訊商官方網站',
        advice:
          '在增值／續期頁面辦理。請自行輸入網址或使用書籤，切勿按來歷不明訊息中的連結，釣魚網站會仿冒電訊商網頁。',
      },
      app: { name: '電訊商 App', advice: '登入後隨時隨地增值。請將 App 保持最新版本，並保管好帳戶密碼。' },
      shop: {
        name: '電訊商門市',
        advice: '帶同 SIM 卡和身份證明文件，由職員代辦。較慢但最穩妥；出發前請先查看營業時間。',
      },
      wallet: {
        name: '微信支付／支付寶',
        advice: '兩者都有增值入口。請確認是正規平台，並留意手續費。',
      },
    },
    tipsHeading: '增值小提示',
    tips: {
      balance: '查餘額：致電電訊商客戶服務熱線，或到官方網站、App 查詢。',
      bank: '經銀行或繳費靈（PPS）增值，請最遲在到期前 3 個工作天辦理，款項可能需要 2 個工作天才到賬。',
      minimum: '有些卡要增值達最低金額才會延長有效期，請先查清楚你的卡的要求。',
      early: '有些卡太早增值並不會延長有效期。',
      receipt: '付款前核對金額，並保留收據。',
      arrival: '增值一般在 24 小時內到賬；如仍未到賬，請聯絡客戶服務。',
      dualNumber: '一卡兩號：內地號碼可能會單獨失效，記得一併查看。',
    },
  },
  footer: {
    whyConfirm: '你收到這封電郵，是因為有人在 SIMKeep 輸入了這個電郵地址。',
    whyReminder: '你收到這封電郵，是因為你訂閱了 SIMKeep 保號提醒。',
    safety: 'SIMKeep 不會向你索取付款資料，也不會代你增值。',
    manage: '管理我的 SIM 卡',
    unsubscribe: '取消訂閱',
    unsubscribeText: '取消訂閱所有 SIMKeep 電郵',
    stopBalance: '只停止查詢餘額提醒',
    operator: (name: string) => `SIMKeep 由 ${name} 營運。`,
    privacy: '私隱',
  },
} satisfies EmailMessages
