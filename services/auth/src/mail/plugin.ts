// app.mailer, the one way mail leaves the service: over SMTP when SMTP_URL is set, else into this process's outbox.
// A send returns at once; the mail goes out in the background (app.background), so that a slow or failing mail server
// never slows or fails the request that sent it. Failures are logged with the subject, never the text (it holds links
// with tokens in them).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { describeError } from '../plugins/background.js'
import { isLoopbackHttpIssuer } from '../delivery/target.js'
import { linksIn, outbox, type KeptMail, type Mail, type Mailer } from './mailer.js'
import { smtpMailer } from './smtp.js'

/** The mail kept in this process when there is no SMTP server, for the development outbox page. */
export interface DevOutbox {
  readonly sent: readonly KeptMail[]
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
    /** Without SMTP_URL, the mail sent so far (newest last); undefined with an SMTP server. */
    devOutbox: DevOutbox | undefined
  }
}

export interface MailerOptions {
  smtpUrl: string | undefined
  from: string
  issuer: string
}

export default fp(async (app: FastifyInstance, { smtpUrl, from, issuer }: MailerOptions) => {
  const log = app.log.child({ component: 'mail' })
  // Without a mail server, mail is read from the console and the outbox page: only in development (a loopback issuer)
  // are its links, which carry tokens, written to the log.
  const development = isLoopbackHttpIssuer(issuer)
  let transport: Mailer
  if (smtpUrl === undefined) {
    const kept = outbox()
    transport = kept
    app.decorate('devOutbox', kept)
    if (!development) log.warn('SMTP_URL is not set: mail is not delivered, only kept in this process')
  } else {
    const smtp = smtpMailer(smtpUrl, from)
    transport = smtp
    app.decorate('devOutbox', undefined)
    app.addHook('onReady', async () => {
      // Told at start, not waited for: the service runs while the mail server is away, and its mail waits in retries.
      smtp.verify().catch((error: unknown) => { log.warn({ error: describeError(error) }, 'the SMTP server cannot be reached') })
    })
    app.addHook('onClose', async () => {
      // Mail on its way is sent before the connections close.
      await app.background.closing()
      smtp.close()
    })
  }

  const deliver = async (mail: Mail) => {
    await transport.send(mail)
    const shown = { to: mail.to, subject: mail.subject, ...(smtpUrl === undefined && development && { links: linksIn(mail.text) }) }
    log.info({ mail: shown }, smtpUrl === undefined ? 'mail kept in the outbox' : 'mail sent')
  }
  app.decorate('mailer', {
    async send (mail: Mail) {
      app.background.run(`mail: ${mail.subject}`, () => deliver(mail))
    }
  } satisfies Mailer)
}, { name: 'mailer', dependencies: ['background'] })
