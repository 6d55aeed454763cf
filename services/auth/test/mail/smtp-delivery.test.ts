// Mail over SMTP reaches a real server as MAIL_FROM says, off the request's path: a mail server that is down or never
// answers neither slows nor fails what sent the mail, and the outbox page does not exist.
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { startTestSmtpServer } from '@keyhold/service-kit/testing'
import { build } from '../helper.js'

t.test('a mail sent through app.mailer arrives at the SMTP server, from MAIL_FROM', async (t) => {
  const smtp = await startTestSmtpServer(t)
  const app = await build(t, { SMTP_URL: smtp.url, MAIL_FROM: 'Harbour Master <harbour@example.com>' })
  await app.mailer.send({ to: 'ada@example.com', subject: 'Welcome aboard', text: 'Open https://keyhold.example/verify-email?token=abc to go on.' })
  t.ok(await app.background.settled(5000), 'the send settles')
  const mail = await smtp.waitFor('ada@example.com')
  t.equal(mail.subject, 'Welcome aboard')
  t.equal(mail.from, 'harbour@example.com', 'the envelope sender')
  t.equal(mail.fromHeader, '"Harbour Master" <harbour@example.com>', 'and the From header')
  t.same(mail.links, ['https://keyhold.example/verify-email?token=abc'])
  t.equal(app.devOutbox, undefined, 'nothing is kept in the process')
})

t.test('with SMTP_URL the outbox page is 404', async (t) => {
  const smtp = await startTestSmtpServer(t)
  const app = await build(t, { SMTP_URL: smtp.url })
  t.equal((await app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode, 404)
})

t.test('a mail server that refuses connections fails no send: the failure stays in the background', async (t) => {
  // A port nobody listens on: connections are refused at once.
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const { port } = closed.address() as AddressInfo
  await new Promise((resolve) => closed.close(resolve))
  const app = await build(t, { SMTP_URL: `smtp://127.0.0.1:${port}` })
  await t.resolves(app.mailer.send({ to: 'ada@example.com', subject: 'Lost', text: 'never arrives' }))
  t.ok(await app.background.settled(15_000), 'the failed send ends')
})

t.test('a mail server that never answers does not slow the sender', async (t) => {
  // Accepts connections and says nothing: an SMTP client waits for the greeting.
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => { sockets.add(socket) })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const app = await build(t, { SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}` })
  // Before the app closes (teardowns run last first), so that the send fails rather than wait out its timeout.
  t.teardown(() => { for (const socket of sockets) socket.destroy(); silent.close() })
  const started = performance.now()
  await app.mailer.send({ to: 'ada@example.com', subject: 'Slow', text: 'waits' })
  t.ok(performance.now() - started < 100, 'send returns at once')
  t.equal(await app.background.settled(200), false, 'while the mail is still on its way')
})
