// 私隱頁的繁體中文（香港用語）文字。
import type { PrivacyMessages } from './en'

export const zhHant = {
  title: '私隱',
  intro: 'SIMKeep 只保存發送提醒所需的資料。以下是全部內容，以及各項保存多久。',
  whoHeading: '誰營運這項服務',
  whoBody: '這個 SIMKeep 服務由 {name} 營運，並負責保管你的資料。',
  whoContact: '有疑問或想查詢你的資料：{email}',
  whoUnset: '這個 SIMKeep 未有設定營運者：它是作測試用的本機版本。',
  storedHeading: '我們保存甚麼、保存多久',
  keptFor: '保存：',
  address: '你的電郵地址、你選擇的語言和時區，以及你登記、確認或取消訂閱的時間。',
  addressKept:
    '直至你刪除資料。登記後 {pendingDays} 日內未確認，登記連同卡的資料會被刪除。取消訂閱會停止所有電郵，但保留你的卡，方便你日後重新開始。',
  cards: '每張卡：你為它起的名稱、電訊商、到期日、續期日數、提醒日子，以及自動續期和查詢餘額的選擇。',
  cardsKept: '直至你移除該卡或刪除資料。',
  reminders: '哪張卡、哪個日期的提醒已經發出，確保同一提醒不會重複發送。',
  remindersKept: '至發出後 {doneDays} 日，之後刪除。',
  emails:
    '我們發給你的每封電郵：內容只保留至郵件服務商接收為止，以便發送失敗時重試；收件地址、主旨和發送時間則留作查詢之用。',
  emailsKept: '內容至發出（或停止重試）為止；其餘於發出 {doneDays} 日後刪除。',
  bounces:
    '如發給你的電郵被退回或被標記為垃圾郵件：記錄此事及發生時間，以便我們停止發送。郵件服務商的相關通知只保存其編號和類別。',
  bouncesKept: '此記錄至你刪除資料為止；通知 {doneDays} 日。',
  limits: '為防止表格被濫用：以你網絡（IP）地址的單向雜湊值按分鐘計數，從不保存地址本身。',
  limitsKept: '約一日。',
  cookie: '記住你所選語言的 cookie（只在你選擇語言時設定）。',
  cookieKept: '一年，存於你的瀏覽器。',
  neverHeading: '我們從不索取的資料',
  never: '你的電話號碼、證件號碼或付款資料。SIMKeep 不會替你增值，也不處理任何款項。',
  othersHeading: '還有誰處理這些資料',
  others:
    'SIMKeep 在 Cloudflare Workers 上運行，資料存於 Cloudflare D1 資料庫。電郵經 Resend 發出，Resend 會保存其發送記錄。',
  deleteHeading: '刪除所有資料',
  deleteBody:
    '在任何一封 SIMKeep 電郵中按「管理我的 SIM 卡」，再選擇「刪除我的所有資料」：你的地址、所有卡、提醒記錄和電郵副本會即時刪除。',
  deleteLost: '找不到連結？可在表格頁面的「已經登記？」索取新連結。',
  deleteWrite: '亦可電郵至 {email}。',
} satisfies PrivacyMessages
