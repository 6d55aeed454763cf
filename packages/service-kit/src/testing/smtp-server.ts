// A real SMTP server in the test's process (smtp-server), keeping each mail it receives parsed (mailparser).
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** The envelope's sender and recipients, as the client gave them to the server. */
  from: string
  to: string[]
  subject: string
  /** The From header, as written. */
  fromHeader: string
  text: string
  /** Every http(s) URL in the text, in order. */
  links: string[]
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string
  /** Every mail received so far, oldest first. */
  readonly mails: readonly ReceivedMail[]
  /** The first mail to `to` (after `after` of them, and whose subject matches, when given), waiting for it to arrive. */
  waitFor (to: string, options?: { subject?: RegExp, after?: number, withinMs?: number }): Promise<ReceivedMail>
  /** How many mails `to` has received so far. */
  count (to: string): number
  close (): Promise<void>
}

/** What startTestSmtpServer needs of a tap test. */
export interface SmtpTeardown { teardown (fn: () => unknown): void }

const LINK = /https?:\/\/[^\s<>"]+/g
/** A test mail is a few KiB; anything far larger is a fault of the sender. */
const MAX_MAIL_BYTES = 1024 * 1024

/** Listens on 127.0.0.1 without TLS or authentication; closed when the test ends, if one is given. */
export async function startTestSmtpServer (t?: SmtpTeardown): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = []
  const waiting = new Set<() => void>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: MAX_MAIL_BYTES,
    onData (stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        const text = parsed.text ?? ''
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map(({ address }) => address),
          subject: parsed.subject ?? '',
          fromHeader: parsed.from?.text ?? '',
          text,
          links: text.match(LINK) ?? []
        })
        for (const wake of waiting) wake()
        callback()
      }, (error: Error) => callback(error))
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as AddressInfo

  const to = (address: string) => (mail: ReceivedMail) => mail.to.some((recipient) => recipient.toLowerCase() === address.toLowerCase())
  const smtp: TestSmtpServer = {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    count: (address) => mails.filter(to(address)).length,
    async waitFor (address, { subject, after = 0, withinMs = 5000 } = {}) {
      const find = () => mails.filter(to(address)).filter((mail) => subject === undefined || subject.test(mail.subject))[after]
      const deadline = Date.now() + withinMs
      for (let found = find(); ; found = find()) {
        if (found !== undefined) return found
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no mail to ${address}${subject ? ` matching ${subject}` : ''} arrived within ${withinMs} ms`)
        await new Promise<void>((resolve) => {
          const wake = () => { clearTimeout(timer); waiting.delete(wake); resolve() }
          const timer = setTimeout(wake, left)
          waiting.add(wake)
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
  t?.teardown(() => smtp.close())
  return smtp
}
