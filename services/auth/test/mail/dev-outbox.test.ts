// Without SMTP_URL, mail stays in the process: /dev/outbox shows it (newest first, escaped, links clickable) when the
// issuer is a loopback URL, and is 404 for any other issuer.
import t from 'tap'
import { build } from '../helper.js'

t.test('the outbox page shows the mail kept, newest first, with its links', async (t) => {
  const app = await build(t)
  await app.mailer.send({ to: 'ada@example.com', subject: 'First', text: 'nothing to click' })
  await app.mailer.send({ to: 'bob@example.com', subject: '<b>Second</b>', text: 'Open http://127.0.0.1:4000/reset-password?token=xyz now.' })
  await app.background.settled()
  t.equal(app.devOutbox?.sent.length, 2)

  const response = await app.inject({ method: 'GET', url: '/dev/outbox' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], 'text/html')
  t.equal(response.headers['cache-control'], 'no-store', 'links with tokens are never cached')
  t.match(response.headers['content-security-policy'], "default-src 'none'")
  t.ok(response.body.indexOf('&lt;b&gt;Second&lt;/b&gt;') < response.body.indexOf('First'), 'newest first, escaped')
  t.match(response.body, '<a href="http://127.0.0.1:4000/reset-password?token=xyz">http://127.0.0.1:4000/reset-password?token=xyz</a>')
  t.notMatch(response.body, '<b>Second</b>')
})

t.test('an issuer that is not a loopback URL has no outbox page', async (t) => {
  const app = await build(t, { ISSUER: 'https://id.example.com' })
  await app.mailer.send({ to: 'ada@example.com', subject: 'Kept', text: 'https://id.example.com/verify-email?token=abc' })
  await app.background.settled()
  t.equal((await app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode, 404)
})
