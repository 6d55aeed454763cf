// Options are checked once, at registration: a mistake stops the application with a message naming the option.
import Fastify from 'fastify'
import t from 'tap'
import keyhold, { type KeyholdOptions } from '../src/index.js'

const valid: KeyholdOptions = {
  issuer: 'https://id.example',
  audience: 'https://api.example',
  credentials: { clientId: 'api', clientSecret: 'secret' },
  revocations: 'none'
}

const register = async (options: KeyholdOptions) => {
  const app = Fastify()
  try {
    await app.register(keyhold, options)
    await app.ready()
  } finally {
    await app.close()
  }
}

t.test('valid options register', async (t) => {
  await t.resolves(register(valid))
})

t.test('each wrong option is named', async (t) => {
  const wrong: Array<[Partial<KeyholdOptions>, RegExp]> = [
    [{ issuer: 'id.example' }, /`issuer`/],
    [{ issuer: 'https://id.example?x=1' }, /`issuer`/],
    [{ url: 'ftp://id.internal' }, /`url`/],
    [{ audience: '' }, /`audience`/],
    [{ credentials: { clientId: '', clientSecret: 's' } }, /`credentials.clientId`/],
    [{ credentials: { clientId: 'api', clientSecret: '' } }, /`credentials`/],
    [{ cache: { maxAge: 301 } }, /`cache.maxAge`/],
    [{ cache: { size: 0 } }, /`cache.size`/],
    [{ timeoutMs: 10 }, /`timeoutMs`/]
  ]
  for (const [change, named] of wrong) await t.rejects(register({ ...valid, ...change }), named)
})
