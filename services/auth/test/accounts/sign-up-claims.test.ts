import t from 'tap'
import { build } from '../helper.js'

t.test('sign-up with standard claims', async (t) => {
  const app = await build(t, { SIGNUP_RATE_LIMIT: '1000' })
  const signUp = (payload: object) => app.inject({ method: 'POST', url: '/api/users', payload })
  let next = 0
  const account = (claims: object) => ({ username: `claimant${next++}`, password: 'a long enough passphrase', ...claims })

  t.test('stores them normalised and answers with them, email unverified', async (t) => {
    const response = await signUp(account({ email: ' Ada.L@Example.COM ', name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Zoe\u0308' }))
    t.equal(response.statusCode, 201)
    t.match(response.json(), {
      email: 'Ada.L@Example.COM', email_verified: false, name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Zoë'
    })
    const stored = await app.db.selectFrom('users').select(['email', 'email_key', 'family_name']).where('id', '=', response.json().id).executeTakeFirstOrThrow()
    t.same(stored, { email: 'Ada.L@Example.COM', email_key: 'ada.l@example.com', family_name: 'Zoë' })
  })

  t.test('without claims, none appears; email_verified is false', async (t) => {
    const body = (await signUp(account({}))).json()
    t.same(Object.keys(body).sort(), ['created_at', 'email_verified', 'id', 'updated_at', 'username'])
    t.equal(body.email_verified, false)
  })

  t.test('an email address taken in any case → 409 like a taken username, and no account', async (t) => {
    t.equal((await signUp(account({ email: 'grace@example.com' }))).statusCode, 201)
    const taken = await signUp(account({ email: 'GRACE@example.COM' }))
    t.equal(taken.statusCode, 409)
    t.same(taken.json(), { error: 'invalid_request', error_description: 'that email address is taken' })
    const username = await signUp({ ...account({}), username: 'claimant0' })
    t.same(username.json(), { error: 'invalid_request', error_description: 'that username is taken' }, 'the same shape as a username')
    t.equal((await app.db.selectFrom('users').select('id').where('email_key', '=', 'grace@example.com').execute()).length, 1)
  })

  t.test('two sign-ups racing for one address in different case: exactly one wins', async (t) => {
    const answers = await Promise.all([signUp(account({ email: 'Race@example.com' })), signUp(account({ email: 'race@EXAMPLE.com' }))])
    t.same(answers.map((answer) => answer.statusCode).sort(), [201, 409])
    t.equal((await app.db.selectFrom('users').select('id').where('email_key', '=', 'race@example.com').execute()).length, 1)
  })

  t.test('malformed or oversized claims → 400 invalid_request, naming the field but never the value, and no account', async (t) => {
    const bad: Array<[object, RegExp]> = [
      [{ email: 'ada@@example.com' }, /^the email address is not valid$/],
      [{ email: 'ada@localhost' }, /^the email address is not valid$/],
      [{ email: `${'a'.repeat(64)}@${'b'.repeat(186)}.com` }, /'email'/],
      [{ email: '' }, /'email'/],
      [{ email: null }, /'email'/],
      [{ name: 'Ada\u202Eecalevol' }, /^the name is not valid$/],
      [{ given_name: 'Ada\u0007' }, /^the given_name is not valid$/],
      [{ family_name: ' ' }, /^the family_name is not valid$/],
      [{ family_name: 'x'.repeat(201) }, /'family_name'/],
      [{ name: { first: 'Ada' } }, /'name'/]
    ]
    for (const [claims, description] of bad) {
      const payload = account(claims)
      const response = await signUp(payload)
      t.equal(response.statusCode, 400, JSON.stringify(claims).slice(0, 60))
      t.equal(response.json().error, 'invalid_request')
      t.match(response.json().error_description, description)
      t.notMatch(response.body, /ecalevol|localhost|aaaa/)
      t.notOk(await app.db.selectFrom('users').select('id').where('username', '=', payload.username).executeTakeFirst())
    }
  })
})
