// Mail over SMTP with nodemailer: one pooled transport per app, bounded in how long any step may take.
import { createTransport } from 'nodemailer'
import type { Mailer } from './mailer.js'

export interface SmtpMailer extends Mailer {
  /** Whether the server answers and accepts the credentials; rejects saying why not. */
  verify (): Promise<void>
  close (): void
}

// A mail server that stops answering must not hold a send (and the tasks waiting on it) for minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 }

/** Sends through the server `url` names (smtp:// or smtps://, credentials in the URL), as `from`. */
export function smtpMailer (url: string, from: string): SmtpMailer {
  const transport = createTransport({ url, pool: true, maxConnections: 3, ...TIMEOUTS }, { from })
  return {
    async send ({ to, subject, text }) {
      await transport.sendMail({ to, subject, text })
    },
    async verify () {
      await transport.verify()
    },
    close () {
      transport.close()
    }
  }
}
