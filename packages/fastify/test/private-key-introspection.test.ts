// A resource server that holds no secret: the plugin introspects with private_key_jwt against the real identity
// service, one fresh assertion per call, and a key the identity service does not know authenticates nothing.
import Fastify from 'fastify'
import t from 'tap'
import { exportJWK, generateKeyPair } from 'jose'
import keyhold from '../src/index.js'
import { AUDIENCE, bearer, startIdentity } from './helper.js'

t.test('introspection with a private key instead of a secret', async (t) => {
  const identity = await startIdentity(t)
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const self = await identity.keyIntrospector({ keys: [{ ...await exportJWK(publicKey), kid: 'api-1', alg: 'ES256', use: 'sig' }] })
  const reader = await identity.client('ships:read')

  const apiWith = async (key: object) => {
    const api = Fastify({ logger: false })
    t.teardown(() => api.close())
    await api.register(keyhold, {
      issuer: identity.issuer,
      url: identity.url,
      audience: AUDIENCE,
      credentials: { clientId: self.client_id, privateKey: key as never, alg: 'ES256' },
      revocations: 'none',
      cache: { maxAge: 0 }
    })
    api.get('/ships', { onRequest: api.keyhold.authenticate('ships:read') }, async (request) => ({ sub: request.token.sub }))
    return api
  }

  const api = await apiWith({ ...await exportJWK(privateKey), kid: 'api-1' })
  const token = await identity.token(reader, 'ships:read')
  for (let call = 0; call < 3; call++) {
    const response = await api.inject({ url: '/ships', headers: bearer(token) })
    t.same([response.statusCode, response.json()], [200, { sub: reader.client_id }], `call ${call + 1}: a new assertion, accepted`)
  }

  const { privateKey: stranger } = await generateKeyPair('ES256', { extractable: true })
  const impostor = await apiWith({ ...await exportJWK(stranger), kid: 'api-1' })
  const refused = await impostor.inject({ url: '/ships', headers: bearer(token) })
  t.equal(refused.statusCode, 503, 'a key the identity service does not hold gets no answer about the token')
})
