import t from 'tap'
import { build } from '../helper.js'

t.test('sign-up', async (t) => {
  const app = await build(t)
  const signUp = (payload: unknown) => app.inject({ method: 'POST', url: '/api/users', payload: payload as object })

  t.test('creates the account: 201, Location, and no password anywhere', async (t) => {
    const response = await signUp({ username: 'ada', password: 'violet tugboat at dawn' })
    t.equal(response.statusCode, 201)
    const body = response.json()
    t.match(body, { id: String, username: 'ada', created_at: String, updated_at: String })
    t.equal(response.headers.location, `/api/users/${body.id}`)
    t.equal(response.headers['cache-control'], 'no-store')
    t.notOk(/password|argon/i.test(response.body))
    const stored = await app.db.selectFrom('users').select('password_hash').where('id', '=', body.id).executeTakeFirstOrThrow()
    t.match(stored.password_hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
  })

  t.test('a username taken in any case → 409', async (t) => {
    const response = await signUp({ username: 'ADA', password: 'another long password' })
    t.equal(response.statusCode, 409)
    t.equal(response.json().error, 'invalid_request')
  })

  t.test('a malformed username or no password → 400 invalid_request', async (t) => {
    for (const payload of [{ username: 'no spaces', password: 'a long enough passphrase' }, { username: 'bob' }]) {
      const response = await signUp(payload)
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, 'invalid_request')
    }
  })

  t.test('is rate-limited per address → 429 with Retry-After', async (t) => {
    const limited = await build(t, { SIGNUP_RATE_LIMIT: '3' })
    let response
    for (let i = 0; i < 4; i++) {
      response = await limited.inject({ method: 'POST', url: '/api/users', payload: { username: `user${i}x`, password: 'a long passphrase' } })
      if (i < 3) t.equal(response.statusCode, 201)
    }
    t.equal(response!.statusCode, 429)
    t.equal(response!.json().error, 'temporarily_unavailable')
    t.ok(Number(response!.headers['retry-after']) > 0)
  })
})
