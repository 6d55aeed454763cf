import t from 'tap'
import { bearer, buildResource, startIdentity } from '../helper.js'

const CONCURRENT = 1000

t.test(`${CONCURRENT} concurrent resource requests over real sockets all succeed`, async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const base = await resource.listen({ host: '127.0.0.1', port: 0 })
  const reader = await identity.client('ships:read')
  // A few tokens, so that some requests are served from the cache and others wait on one introspection.
  const tokens = await Promise.all(Array.from({ length: 10 }, () => identity.token(reader)))

  const answers = await Promise.all(Array.from({ length: CONCURRENT }, async (_, i) => {
    try {
      const response = await fetch(`${base}/api/ships${i % 3 === 0 ? '?limit=3' : ''}`, { headers: bearer(tokens[i % tokens.length]!) })
      const body = await response.json() as { ships?: unknown[], error?: string }
      return `${response.status} ${body.error ?? (Array.isArray(body.ships) ? 'ships' : 'no ships')}`
    } catch (error) {
      return `failed: ${(error as Error).message}`
    }
  }))
  t.same([...new Set(answers)], ['200 ships'], 'every request answered 200 with ships')
  t.ok(identity.introspections <= tokens.length * 2, `introspected ${identity.introspections} times for ${tokens.length} tokens`)
})
