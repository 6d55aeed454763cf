import t from 'tap'
import { basic, build, createClient, postForm } from '../helper.js'
import { signUp } from '../browser.js'

// Redis expires keys on whole seconds: a one-second window is over after at most two.
const windowOver = () => new Promise((resolve) => setTimeout(resolve, 2100))

t.test('throttles lift when their window ends, as configured', async (t) => {
  const app = await build(t, {
    CLIENT_AUTH_MAX_FAILURES: '2', CLIENT_AUTH_FAILURE_WINDOW: '1', LOGIN_MAX_FAILURES: '2', LOGIN_FAILURE_WINDOW: '1'
  })
  const service = await createClient(app)
  const firstParty = await createClient(app, { client_name: 'first party', grant_types: ['password'], scope: 'ships:read' })
  const user = await signUp(app)
  const clientCredentials = (secret: string) =>
    postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(service.client_id, secret) })
  const passwordGrant = (password: string) => postForm(app, '/token', { grant_type: 'password', username: user.username, password },
    { authorization: basic(firstParty.client_id, firstParty.client_secret!) })

  await clientCredentials('guess')
  await clientCredentials('guess')
  t.equal((await clientCredentials(service.client_secret!)).statusCode, 429, 'client secret guesses: throttled')
  await passwordGrant('guess')
  await passwordGrant('guess')
  t.equal((await passwordGrant(user.password)).statusCode, 429, 'password guesses: throttled')

  await windowOver()
  t.equal((await clientCredentials(service.client_secret!)).statusCode, 200, 'the client may authenticate again')
  t.equal((await passwordGrant(user.password)).statusCode, 200, 'the user may sign in again')
})
