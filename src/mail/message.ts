// One outgoing email as Resend receives it.
export interface OutgoingMessage {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
}
