// GET /dev/outbox: the mail kept in this process when there is no SMTP server, newest first, its links clickable.
// Only in development: the route exists only without SMTP_URL and with a loopback issuer, so it is 404 everywhere else.
import type { FastifyInstance } from 'fastify'
import { isLoopbackHttpIssuer } from '../../delivery/target.js'
import { linksIn, type KeptMail } from '../../mail/mailer.js'
import { html, type Html } from '../html.js'
import { page } from '../layout.js'

/** The mail's text with each link it holds as an anchor, everything else escaped. */
function withLinks (text: string): Html[] {
  const parts: Html[] = []
  let rest = text
  for (const link of linksIn(text)) {
    const at = rest.indexOf(link)
    parts.push(html`${rest.slice(0, at)}<a href="${link}">${link}</a>`)
    rest = rest.slice(at + link.length)
  }
  parts.push(html`${rest}`)
  return parts
}

const mailView = (mail: KeptMail) => html`<section class="mail"><h2>${mail.subject}</h2>
<p>To <strong>${mail.to}</strong>, ${mail.sentAt.toISOString()}</p>
<pre>${withLinks(mail.text)}</pre></section>`

export function outboxPage (mails: readonly KeptMail[]): string {
  return page('Outbox', html`<h1>Outbox</h1>
<p class="notice">Development only: without <code>SMTP_URL</code>, mail stays here and in the console.</p>
${mails.length === 0 ? html`<p>No mail yet.</p>` : [...mails].reverse().map(mailView)}`)
}

export default async function devOutboxPage (app: FastifyInstance): Promise<void> {
  const outbox = app.devOutbox
  if (outbox === undefined || !isLoopbackHttpIssuer(app.config.issuer)) return
  app.get('/dev/outbox', async (_request, reply) => reply.type('text/html').send(outboxPage(outbox.sent)))
}
