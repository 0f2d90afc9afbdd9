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
    validity: (days: number) => `此連結 ${days} 日內有效。`,
    ignore: '如果不是你提出的，不用理會這封電郵，我們不會再聯絡你。',
  },
  manageLink: {
    subject: '你的 SIMKeep 提醒管理連結',
    preheader: '按一下便可打開你的卡和提醒。',
    heading: '管理你的提醒',
    intro: '我們收到索取此地址 SIMKeep 提醒管理連結的要求。',
    button: '打開我的提醒',
    validity: (days: number) => `此連結 ${days} 日內有效。`,
    ignore: '如果不是你索取的，不用理會這封電郵，甚麼都不會改變。',
  },
  reminder: {
    subject: {
      daysLeft: (label: string, days: number, date: string) => `${label}：尚餘 ${days} 日（${date}到期）`,
      today: (label: string, date: string) => `${label}：今日到期（${date}）`,
      past: (label: string, date: string) => `${label}：已於${date}到期`,
      expired: (label: string, date: string) => `${label}：今日（${date}）到期，請即續期`,
      keepFeeToday: (label: string, amount: string) => `${label}：計劃今日從餘額扣除 ${amount}`,
      keepPlanFeeToday: (label: string) => `${label}：計劃今日從餘額扣費`,
      keepFee: (label: string, amount: string, date: string) => `${label}：${date}前請預留 ${amount} 餘額`,
      keepPlanFee: (label: string, date: string) => `${label}：${date}前請預留足夠餘額續期`,
      followup: (label: string, date: string) => `${label}：已於${date}到期，續期了嗎？`,
      renewCheck: (label: string, date: string) => `${label}：${date}自動續期成功了嗎？`,
      balance: (label: string) => `${label}：是時候查一查餘額`,
      balanceMany: (count: number) => `是時候查一查 ${count} 張 SIM 卡的餘額`,
      // After a subject that ends in ？ (「續期了嗎？」) no comma: 「？，」 is doubled punctuation.
      more: (subject: string, count: number) =>
        `${subject}${/[？！。]$/.test(subject) ? '' : '，'}另有 ${count} 項提醒`,
    },
    status: {
      daysLeft: (days: number) => `尚餘 ${days} 日`,
      today: '今日到期',
      past: '有效期已過',
      renewsIn: (days: number) => (days === 0 ? '計劃今日續期' : days === 1 ? '計劃明日續期' : `計劃 ${days} 日後續期`),
      renewCheck: '續期日已過',
      balance: '每月查餘額',
    },
    preheader: {
      renew: '何時增值、怎樣增值、增值多少：全在這封電郵。',
      keepFee: '計劃會從餘額扣費，請預留足夠餘額。',
      followup: '如果還未增值，請立即聯絡電訊商。',
      renewCheck: '請在電訊商 App 或短訊核對新到期日。',
      balance: '每月查一查，出行時就不怕餘額不足。',
    },
    heading: {
      renew: '是時候為 SIM 卡續期',
      tomorrow: 'SIM 卡明日到期',
      today: 'SIM 卡今日到期',
      past: 'SIM 卡有效期已過',
      keepFee: '請預留足夠餘額續期',
      followup: '你及時續期了嗎？',
      renewCheck: '計劃自動續期了嗎？',
      balance: '是時候查一查餘額',
    },
    todoHeading: '今次要做的事',
    todo: {
      topUpBy: (date: string) =>
        `請最遲在${date}增值。過了這天，卡便會失效：有些卡一到期，號碼便會被收回，餘額亦會清零。`,
      topUpToday: '請今日內在電訊商 App 或網站用信用卡或電子錢包增值；繳費靈（PPS）、銀行和櫃員機增值現在已經來不及。',
      keepFeeToday: (amount: string) =>
        `計劃今日會從餘額扣除 ${amount}：請立即確保卡內餘額最少有這個數目，否則計劃便會失效。`,
      keepPlanFeeToday: '計劃今日會從餘額扣費：請立即確保卡內餘額足夠，否則計劃便會失效。',
      keepFee: (amount: string, date: string) =>
        `${date}前請確保卡內餘額最少有 ${amount}：計劃會在當日從餘額扣費，餘額不足便會失效。`,
      keepPlanFee: (date: string) =>
        `${date}前請確保卡內餘額足夠支付計劃費用：計劃會在當日從餘額扣費，餘額不足便會失效。`,
      packValidity: (carrier: string) =>
        `如當日卡的有效期不足一個月，${carrier}亦會取消計劃：請一併核對卡本身的有效期。`,
      slowBy: (channels: string, date: string) => `經${channels}增值：最遲${date}辦理，款項可能要 2 個工作天才入賬。`,
      slowPast: (channels: string, date: string) =>
        `經${channels}增值已經來不及（最遲應於${date}辦理）：請改用數分鐘內入賬的方法。`,
      validity: (carrier: string, tiers: string) => `部分${carrier}的卡：${tiers}，由增值當日起計。`,
      tier: (amount: string, days: number) => `增值 ${amount} 或以上有效 ${days} 日`,
      tierUpTo: (amount: string, upTo: string, days: number) => `增值 ${amount} 至 ${upTo} 有效 ${days} 日`,
      lapsed: (carrier: string) =>
        `如果卡已停用，請立即聯絡${carrier}。不要指望有寬限期：有些卡一到期，號碼便會被收回，餘額亦會清零。`,
      grace: (carrier: string, days: number) => `${carrier}表示到期後 ${days} 日內增值仍可恢復服務，但餘額會被清除。`,
      hotline: (number: string) => `熱線：${number}。`,
      followupDone: '已及時增值？請按「我已續期」，輸入電訊商 App 或短訊顯示的新到期日。',
      followupNot: (carrier: string) =>
        `還未增值？請立即聯絡${carrier}，查詢號碼能否保留：有些卡一到期，號碼便會被收回，餘額亦會清零。`,
      renewCheckAsk: (date: string, amount: string) =>
        `計劃原定${date}從餘額扣除 ${amount} 自動續期。請在電訊商 App 或短訊核對新到期日。`,
      renewCheckAskPlanFee: (date: string) => `計劃原定${date}從餘額扣費自動續期。請在電訊商 App 或短訊核對新到期日。`,
      renewCheckRolled: (date: string) =>
        `我們已把到期日改為${date}。如日期正確，便不用再做任何事；如日期不同或計劃已失效，請按下面的按鈕更正。`,
      renewCheckUnknown: '請告訴我們新到期日，提醒才會繼續。',
      balanceFee: (amount: string, date: string) => `計劃於${date}續期：請確保卡內餘額最少有 ${amount}。`,
      realName:
        '完成實名登記了嗎？未登記的卡會被停用，而且只能在有效期內重新啟用。卡上的內地號碼亦須辦理內地實名登記，並可能另有月費或套餐。',
    },
    theCarrier: '電訊商',
    channelsHeading: (carrier: string) => `${carrier}卡的增值方法`,
    channelsGeneral: '增值方法',
    channel: {
      online: (app: string, payments: string) => `${app} App 或網站，可用${payments}`,
      onlineGeneral: (payments: string) => `電訊商 App 或網站，可用${payments}`,
      anyPayment: '信用卡、扣賬卡或電子錢包',
      voucher: '增值券，輸入券上密碼',
      pps: '繳費靈',
      jetco: '銀通（JETCO）櫃員機',
      hsbc: '滙豐或恒生繳費',
      atm: '銀行櫃員機',
      shop: '電訊商門市，帶同 SIM 卡和身份證明文件',
      merchantCode: (code: string) => `商戶編號 ${code}`,
      billType: (code: string) => `賬單類別 ${code}`,
      from: (amount: string) => `${amount}\u00a0起`,
      minutes: '數分鐘內入賬',
      usuallyMinutes: '一般數分鐘內入賬',
      usuallyMinutesSometimesNextDay: '一般數分鐘內入賬，間中要到下一個工作天',
      slow: '最多 2 個工作天',
    },
    slowChannel: {
      pps: '繳費靈（PPS）',
      jetco: '銀通（JETCO）櫃員機',
      hsbc: '滙豐／恒生繳費',
      atm: '銀行櫃員機',
    },
    payments: {
      credit_card: '信用卡',
      unionpay: '銀聯',
      alipayhk: 'AlipayHK',
      wechat_pay: 'WeChat Pay HK',
      octopus: '八達通',
      payme: 'PayMe',
    },
    /** joins list items: "a、b或c" */
    listComma: '、',
    listOr: '或',
    listAnd: '，',
    addressLabel: '官方網站（請自行輸入網址）',
    expiredLateNotice: (date: string) => `這張卡的有效期已於${date}結束。請立即聯絡電訊商，查詢號碼能否保留。`,
    balanceNotice: '現在花一分鐘查看餘額，下次出行便不會措手不及：可用電訊商 App、官方網站或熱線查詢。',
    renewedButton: '我已續期',
    confirmDateButton: '確認或更正日期',
    calendarLink: '加入日曆',
    tipsHeading: '小貼士',
    tips: {
      early: '有些卡太早增值並不會多加日數：有效期由增值當日起計。',
      receipt: '付款前核對金額，付款後保留收據。如 24 小時後（經繳費靈或銀行則 2 個工作天後）仍未入賬，請致電電訊商。',
      receiptNow: '付款前核對金額，付款後保留收據。付款後如未見入賬，請即日致電電訊商，不要等。',
      phishing: '切勿經來歷不明訊息中的連結增值：釣魚網站會仿冒電訊商網頁。',
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
