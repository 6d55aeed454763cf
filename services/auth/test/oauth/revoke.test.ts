import t from 'tap'
import { Redis } from 'ioredis'
import { basic, build, clientCredentialsToken, createClient, decodeJwt, postForm, REDIS_URL, RESOURCE_AUDIENCE } from '../helper.js'

t.test('revocation (RFC 7009)', async (t) => {
  const app = await build(t)
  const service = await createClient(app)
  const auth = { authorization: basic(service.client_id, service.client_secret!) }
  const resource = await createClient(app, { client_name: 'resource server', introspects: [RESOURCE_AUDIENCE] })
  const isActive = async (token: string) =>
    (await postForm(app, '/introspect', { token }, { authorization: basic(resource.client_id, resource.client_secret!) })).json().active as boolean

  t.test('a revoked token is inactive from that moment, and its jti is announced', async (t) => {
    const subscriber = new Redis(REDIS_URL)
    t.teardown(() => subscriber.quit())
    await subscriber.subscribe(`${app.config.redisPrefix}revocations`)
    const announced = new Promise<string>((resolve) => subscriber.once('message', (_channel, jti) => resolve(jti)))

    const token = await clientCredentialsToken(app, service)
    t.equal(await isActive(token), true)
    const response = await postForm(app, '/revoke', { token, token_type_hint: 'access_token' }, auth)
    t.equal(response.statusCode, 200)
    t.equal(response.body, '')
    t.equal(response.headers['cache-control'], 'no-store')
    t.equal(await isActive(token), false)
    t.equal(await announced, decodeJwt(token).payload.jti)
  })

  t.test('an unknown token → 200', async (t) => {
    const response = await postForm(app, '/revoke', { token: 'never-issued' }, auth)
    t.equal(response.statusCode, 200)
  })

  t.test('an unknown token_type_hint is only a hint', async (t) => {
    const token = await clientCredentialsToken(app, service)
    const response = await postForm(app, '/revoke', { token, token_type_hint: 'id_token' }, auth)
    t.equal(response.statusCode, 200)
    t.equal(await isActive(token), false)
  })

  t.test("another client's token is left alone", async (t) => {
    const other = await createClient(app)
    const token = await clientCredentialsToken(app, other)
    const response = await postForm(app, '/revoke', { token }, auth)
    t.equal(response.statusCode, 200)
    t.equal(await isActive(token), true)
  })

  t.test('the client must authenticate', async (t) => {
    const token = await clientCredentialsToken(app, service)
    const response = await postForm(app, '/revoke', { token }, { authorization: basic(service.client_id, 'wrong') })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_client')
    t.equal(await isActive(token), true)
  })

  t.test('a missing token parameter → invalid_request', async (t) => {
    const response = await postForm(app, '/revoke', {}, auth)
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
  })
})
