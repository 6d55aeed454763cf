// Which APIs a token is for, and a token issued into a grant that ended meanwhile.
import t from 'tap'
import type { Api } from '../../src/apis/api.js'
import { identityApi } from '../../src/apis/built-in.js'
import { catalogueOf } from '../../src/apis/catalogue.js'
import { findActiveAccessToken, issueAccessToken } from '../../src/oauth/access-tokens.js'
import { tokenTarget } from '../../src/oauth/targets.js'
import { build, createClient } from '../helper.js'

const resourceApi = (identifier: string): Api => ({
  id: 'resource', identifier, name: 'Ships', accessTokenTtl: 3600, introspectors: [], builtIn: false,
  scopes: [{ name: 'ships:read', description: 'r' }, { name: 'ships:write', description: 'w' }]
})
const catalogue = (issuer: string, audience: string) => catalogueOf([identityApi(issuer, 3600, []), resourceApi(audience)])
const audienceOf = (scopes: string[], { issuer, audience }: { issuer: string, audience: string }) => tokenTarget(catalogue(issuer, audience), scopes).audience

t.test('aud names each API the scopes belong to, each once', async (t) => {
  const apis = { issuer: 'https://id.example', audience: 'https://api.example' }
  t.equal(audienceOf([], apis), apis.issuer, 'a token without scopes is for the identity service, where it allows nothing')
  t.equal(audienceOf(['ships:read'], apis), apis.audience)
  t.equal(audienceOf(['account', 'users:read'], apis), apis.issuer)
  t.same(audienceOf(['ships:read', 'account'], apis), [apis.audience, apis.issuer])
  t.same(audienceOf(['account', 'ships:read'], apis), [apis.audience, apis.issuer], 'the identity service last, wherever its scopes stand')
})

t.test('OpenID Connect scopes are the identity service’s; offline_access is no API’s', async (t) => {
  const apis = { issuer: 'https://id.example', audience: 'https://api.example' }
  t.equal(audienceOf(['openid'], apis), apis.issuer)
  t.equal(audienceOf(['openid', 'profile', 'email'], apis), apis.issuer)
  t.equal(audienceOf(['openid', 'offline_access'], apis), apis.issuer, 'offline_access does not add the resource service')
  t.equal(audienceOf(['offline_access', 'profile'], apis), apis.issuer, 'wherever it stands')
  t.same(audienceOf(['openid', 'offline_access', 'ships:read'], apis), [apis.audience, apis.issuer])
  t.equal(audienceOf(['offline_access', 'ships:read'], apis), apis.audience, 'nor the identity service')
  t.equal(audienceOf(['offline_access'], apis), apis.issuer, 'alone it is like no scope at all')
})

t.test('a scope no registered API defines names no audience', async (t) => {
  const apis = { issuer: 'https://id.example', audience: 'https://api.example' }
  t.equal(audienceOf(['ships:read', 'left-behind'], apis), apis.audience)
})

t.test('a token whose grant ended while it was issued is answered but never active', async (t) => {
  const app = await build(t)
  const client = await createClient(app)
  const grant = { subject: 'someone', clientId: client.client_id, scopes: ['ships:read'] }
  const live = await issueAccessToken(app, { ...grant, grantId: 'live-grant' })
  t.ok(await findActiveAccessToken(app, live.token))
  t.equal((await app.stores.accessTokens.find(live.tokenHash))?.grantId, 'live-grant', 'the record names its grant')
  await app.stores.refreshTokens.revokeGrant('ended-grant', 60)
  const ended = await issueAccessToken(app, { ...grant, grantId: 'ended-grant' })
  t.ok(ended.token, 'the answer stands')
  t.equal(await findActiveAccessToken(app, ended.token), undefined, 'the token is dead')
})
