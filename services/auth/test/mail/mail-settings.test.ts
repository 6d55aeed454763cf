// SMTP_URL and MAIL_FROM are checked at start, and a refusal never echoes the URL (it may hold the SMTP password).
import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.js'

const valid = { AUTH_SECRET: 'a'.repeat(32), ADMIN_TOKEN: 'b'.repeat(32) }

t.test('without them, mail stays in the process and comes from a default sender', async (t) => {
  t.same(loadConfig(valid).mail, { smtpUrl: undefined, from: 'Keyhold <no-reply@localhost>' })
})

t.test('smtp:// and smtps:// URLs, credentials and options included, are taken', async (t) => {
  for (const url of ['smtp://127.0.0.1:1025', 'smtps://user:pa%40ss@mail.example.com:465', 'smtp://mail.example.com/?pool=true']) {
    t.equal(loadConfig({ ...valid, SMTP_URL: url }).mail.smtpUrl, url)
  }
  t.equal(loadConfig({ ...valid, MAIL_FROM: 'accounts@example.com' }).mail.from, 'accounts@example.com')
})

t.test('another scheme, no host or a path is refused, the URL not repeated', async (t) => {
  for (const url of ['http://user:hunter2@mail.example.com', 'smtp://', 'smtp://user:hunter2@mail.example.com/inbox', 'smtp://exa mple.com']) {
    const error = t.throws(() => loadConfig({ ...valid, SMTP_URL: url })) as Error
    t.ok(error instanceof ConfigError, url)
    t.match(error.message, 'SMTP_URL')
    t.notMatch(error.message, 'hunter2')
  }
})

t.test('a sender on more than one line, or without an address, is refused', async (t) => {
  for (const from of ['Keyhold <no-reply@example.com>\r\nBcc: victim@example.com', 'Keyhold', 'Keyhold <>', 'a@b@c']) {
    t.throws(() => loadConfig({ ...valid, MAIL_FROM: from }), ConfigError, JSON.stringify(from))
  }
})
