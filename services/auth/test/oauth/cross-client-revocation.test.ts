// Only the client a token was issued to can revoke it (RFC 7009 §2.1): another client is answered 200, as for any
// token it cannot revoke, and the token, its grant and its other tokens live on.
import t, { type Test } from 'tap'
import type { ClientWithSecret } from '@keyhold/contracts'
import { signUp } from '../browser.js'
import { basic, build, clientCredentialsToken, createClient, postForm } from '../helper.js'

t.test("another client revoking a client's tokens", async (t) => {
  const app = await build(t)
  const auth = (client: ClientWithSecret) => ({ authorization: basic(client.client_id, client.client_secret!) })
  const owner = await createClient(app, { client_name: 'app', grant_types: ['password', 'refresh_token', 'client_credentials'], scope: 'ships:read' })
  const other = await createClient(app, { client_name: 'other app', grant_types: ['password', 'refresh_token', 'client_credentials'], scope: 'ships:read' })
  const publicOther = await createClient(app, {
    client_name: 'public app', grant_types: ['authorization_code'], redirect_uris: ['https://public.example/cb'], token_endpoint_auth_method: 'none'
  })
  const user = await signUp(app)
  const signIn = async () => (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password }, auth(owner))).json()
  const isActive = async (token: string) => (await postForm(app, '/introspect', { token }, auth(owner))).json().active as boolean
  const hinted = (token: string, hint: string | undefined) => ({ token, ...(hint && { token_type_hint: hint }) })
  const otherClients = [
    ['a confidential client', (token: string, hint?: string) => postForm(app, '/revoke', hinted(token, hint), auth(other))],
    ['a public client', (token: string, hint?: string) => postForm(app, '/revoke', { ...hinted(token, hint), client_id: publicOther.client_id })]
  ] as const
  const revokeAsOthers = async (t: Test, token: string) => {
    for (const hint of [undefined, 'refresh_token', 'access_token']) {
      for (const [who, revoke] of otherClients) {
        const response = await revoke(token, hint)
        t.equal(response.statusCode, 200, `${who}, hint ${hint ?? 'none'}: 200, as RFC 7009 asks`)
        t.equal(response.body, '')
      }
    }
  }

  t.test('its refresh token: 200, and the grant lives on, refresh token and access token alike', async (t) => {
    const tokens = await signIn()
    await revokeAsOthers(t, tokens.refresh_token)
    t.equal(await isActive(tokens.refresh_token), true)
    t.equal(await isActive(tokens.access_token), true)
    const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, auth(owner))
    t.equal(refreshed.statusCode, 200, 'the owner can still refresh')
  })

  t.test("its user's access token: 200, and the token lives on", async (t) => {
    const tokens = await signIn()
    await revokeAsOthers(t, tokens.access_token)
    t.equal(await isActive(tokens.access_token), true)
    t.equal(await isActive(tokens.refresh_token), true)
  })

  t.test('its client-credentials access token: 200, and the token lives on', async (t) => {
    const token = await clientCredentialsToken(app, owner)
    await revokeAsOthers(t, token)
    t.equal(await isActive(token), true)
  })

  t.test('the owner itself can still revoke them', async (t) => {
    const tokens = await signIn()
    t.equal((await postForm(app, '/revoke', { token: tokens.refresh_token }, auth(owner))).statusCode, 200)
    t.equal(await isActive(tokens.refresh_token), false)
    t.equal(await isActive(tokens.access_token), false, 'the grant ends with its refresh token')
  })
})
