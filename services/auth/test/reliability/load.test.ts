import t from 'tap'
import { basic, build, createClient, RESOURCE_AUDIENCE } from '../helper.js'

const CONCURRENT = 1000

t.test(`${CONCURRENT} concurrent token requests and introspections over real sockets all succeed`, async (t) => {
  const app = await build(t, { LOG_LEVEL: process.env.LOAD_LOG ?? 'silent' })
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  const service = await createClient(app)
  const resource = await createClient(app, { client_name: 'resource', introspects: [RESOURCE_AUDIENCE] })
  const post = (path: string, body: Record<string, string>, as: typeof service) => fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: basic(as.client_id, as.client_secret!), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body)
  })

  const issued = await Promise.all(Array.from({ length: CONCURRENT }, async () => {
    const response = await post('/token', { grant_type: 'client_credentials' }, service)
    return { status: response.status, body: await response.json() as { access_token?: string, error?: string } }
  }))
  t.same([...new Set(issued.map((r) => `${r.status} ${r.body.error ?? ''}`.trim()))], ['200'], 'every token request answered 200')
  const tokens = new Set(issued.map((r) => r.body.access_token))
  t.equal(tokens.size, CONCURRENT, 'every token is distinct')

  const introspected = await Promise.all([...tokens].map(async (token) => {
    const response = await post('/introspect', { token: token! }, resource)
    const body = await response.json() as { active: boolean, error?: string }
    return { status: response.status, active: body.active, error: body.error }
  }))
  t.same([...new Set(introspected.map((r) => `${r.status} ${r.error ?? ''}`.trim()))], ['200'], 'every introspection answered 200')
  t.ok(introspected.every((r) => r.active), 'every token is active')
})
