import t from 'tap'
import { argon2id, hash, verify } from 'argon2'
import { build } from '../helper.js'
import { signUp } from '../browser.js'
import { accessToken, callApi, createAccountClient } from './fixtures.js'
import { passwordProblem } from '../../src/accounts/password-policy.js'

t.test('which passwords may be set', async (t) => {
  t.match(await passwordProblem('password'), /at least 15 characters/)
  t.match(await passwordProblem('12345678'), /at least 15 characters/)
  t.match(await passwordProblem('passwordpassword'), /too common/)
  t.match(await passwordProblem('PasswordPassword'), /too common/, 'compared without case')
  t.match(await passwordProblem('\uFF50asswordpassword'), /too common/, 'compared after NFKC')
  t.match(await passwordProblem('x'.repeat(257)), /at most 256/)
  t.equal(await passwordProblem('\u{1F600}'.repeat(15)), undefined, '15 emoji are 15 characters')
  t.match(await passwordProblem('\u{1F600}'.repeat(14)), /at least 15/)
  t.equal(await passwordProblem('x'.repeat(256)), undefined)
  t.equal(await passwordProblem('plain lowercase words only'), undefined, 'no composition rules')
})

t.test('the API says why a password is refused', async (t) => {
  const app = await build(t)
  for (const password of ['password', '12345678', 'passwordpassword']) {
    const response = await app.inject({ method: 'POST', url: '/api/users', payload: { username: 'newcomer', password } })
    t.equal(response.statusCode, 400, password)
    t.equal(response.json().error, 'invalid_request')
    t.match(response.json().error_description, /at least 15 characters|too common/)
  }
  const user = await signUp(app)
  const token = await accessToken(app, await createAccountClient(app), user)
  const changed = await callApi(app, 'PUT', `/api/users/${user.id}`, token, { password: 'passwordpassword', current_password: user.password })
  t.equal(changed.statusCode, 400)
  t.same(changed.json(), { error: 'invalid_request', error_description: 'the password is too common: choose another' })
})

t.test('a password is verified in its NFKC form', async (t) => {
  const app = await build(t)
  const user = await signUp(app, undefined, 'ﬁne ligatures are fine')
  const client = await createAccountClient(app)
  t.ok(await accessToken(app, client, { ...user, password: 'fine ligatures are fine' }))
})

t.test('a hash made of the raw password, before normalisation, still verifies and is replaced by one of the NFKC form', async (t) => {
  const app = await build(t)
  const raw = 'ﬁne ligatures, older hash'
  const user = await signUp(app, undefined, 'a placeholder passphrase')
  const legacy = await hash(raw, { type: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 })
  await app.db.updateTable('users').set({ password_hash: legacy }).where('id', '=', user.id).execute()
  t.ok(await accessToken(app, await createAccountClient(app), { ...user, password: raw }))
  const stored = await app.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
  t.not(stored.password_hash, legacy)
  t.ok(await verify(stored.password_hash, raw.normalize('NFKC')))
})

t.test('a hash of the current form and parameters is left as it is by a sign-in', async (t) => {
  const app = await build(t)
  const user = await signUp(app)
  const storedHash = async () => (await app.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()).password_hash
  const before = await storedHash()
  t.ok(await accessToken(app, await createAccountClient(app), user))
  t.equal(await storedHash(), before, 'no new hash (and no argon2 work) for a password already hashed as it should be')
})
