import t from 'tap'
import { ensureUser } from '../../src/accounts/provision.js'
import { build } from '../helper.js'
import { createAccountClient, tokensFor } from './fixtures.js'

t.test('provisioning holds accounts to the rules sign-up follows', async (t) => {
  const app = await build(t)
  const client = await createAccountClient(app)
  await t.rejects(ensureUser(app, 'demo', 'password'), /at least 15 characters/)
  await t.rejects(ensureUser(app, 'demo', 'passwordpassword'), /too common/)
  await t.rejects(ensureUser(app, '\u212Apa', 'a fine provisioned passphrase'), /not valid/)
  await ensureUser(app, 'Demo', 'a fine provisioned passphrase')
  t.equal((await tokensFor(app, client, { username: 'demo', password: 'a fine provisioned passphrase' })).statusCode, 200)
  await ensureUser(app, 'DEMO', 'another provisioned passphrase')
  t.equal((await app.db.selectFrom('users').select('id').execute()).length, 1, 'the same account, found by its enforced name')
  t.equal((await tokensFor(app, client, { username: 'demo', password: 'another provisioned passphrase' })).statusCode, 200)
})
