// The introspection cache: hashed keys, bounded lifetimes, and revocation by jti or client.
import t from 'tap'
import type { AccessToken } from '../src/access-token.js'
import { cacheKey, tokenCache } from '../src/token-cache.js'

const START = 1_800_000_000_000
const entry = (jti: string, expiresInSeconds: number): AccessToken => ({
  sub: 's', clientId: 'c', scope: 'x', scopes: new Set(['x']), audience: ['a'], jti, exp: START / 1000 + expiresInSeconds
})

function setup (maxAge: number, size = 100) {
  const clock = { now: START }
  return { clock, cache: tokenCache({ maxAge, size, now: () => clock.now }) }
}

t.test('keys are hashes, not tokens', async (t) => {
  const key = cacheKey('eyJ.secret.token')
  t.notMatch(key, /secret/)
  t.equal(key.length, 43)
})

t.test('an entry lives no longer than the configured maximum', async (t) => {
  const { clock, cache } = setup(5)
  cache.put('k', entry('j', 3600))
  clock.now += 4900
  t.ok(cache.get('k'))
  clock.now += 200
  t.equal(cache.get('k'), undefined)
})

t.test("an entry never outlives the token's exp", async (t) => {
  const { clock, cache } = setup(5)
  cache.put('k', entry('j', 2))
  clock.now += 1900
  t.ok(cache.get('k'))
  clock.now += 200
  t.equal(cache.get('k'), undefined)
})

t.test('an already expired token is not stored', async (t) => {
  const { cache } = setup(5)
  cache.put('k', entry('j', 0))
  t.equal(cache.get('k'), undefined)
})

t.test('a maximum age of 0 stores nothing', async (t) => {
  const { cache } = setup(0)
  cache.put('k', entry('j', 3600))
  t.equal(cache.get('k'), undefined)
})

t.test('revoking a jti drops its entry and keeps it out while an entry could live', async (t) => {
  const { clock, cache } = setup(5)
  cache.put('k', entry('j', 3600))
  cache.put('other', entry('o', 3600))
  cache.revoke('j')
  t.equal(cache.get('k'), undefined)
  t.ok(cache.get('other'))
  t.ok(cache.isRevoked('j'))
  cache.put('k', entry('j', 3600))
  t.equal(cache.get('k'), undefined, 'a late introspection answer is not stored')
  clock.now += 5100
  t.notOk(cache.isRevoked('j'))
})

t.test('a revocation keeps a late answer out for the whole max age, not just a second', async (t) => {
  const { clock, cache } = setup(5)
  cache.revoke('j')
  clock.now += 4900
  t.ok(cache.isRevoked('j'))
  cache.put('k', entry('j', 3600))
  t.equal(cache.get('k'), undefined)
})

t.test("an evicted entry's jti forgets its key: revoking that jti later spares the entry now kept under the key", async (t) => {
  const { cache } = setup(5, 1)
  cache.put('k', entry('evicted', 3600))
  cache.put('other', entry('o', 3600))
  cache.put('k', entry('kept', 3600))
  cache.revoke('evicted')
  t.equal(cache.get('k')?.jti, 'kept')
})

t.test('evicting an older entry of a jti leaves its newer entry revocable', async (t) => {
  const { cache } = setup(5, 2)
  cache.put('older', entry('j', 3600))
  cache.put('newer', entry('j', 3600))
  cache.put('third', entry('t', 3600))
  t.equal(cache.get('older'), undefined, 'evicted')
  cache.revoke('j')
  t.equal(cache.get('newer'), undefined)
  t.ok(cache.get('third'))
})

t.test('the cache is bounded: the least recently used entry goes first', async (t) => {
  const { cache } = setup(5, 2)
  cache.put('a', entry('ja', 3600))
  cache.put('b', entry('jb', 3600))
  cache.get('a')
  cache.put('c', entry('jc', 3600))
  t.ok(cache.get('a'))
  t.equal(cache.get('b'), undefined)
  t.ok(cache.get('c'))
})

t.test('clear empties it', async (t) => {
  const { cache } = setup(5)
  cache.put('k', entry('j', 3600))
  cache.clear()
  t.equal(cache.get('k'), undefined)
})

t.test("ending a client drops its entries and keeps a late answer for it out, and leaves other clients' alone", async (t) => {
  const { clock, cache } = setup(5)
  const ofClient = (clientId: string, jti: string): AccessToken => ({ ...entry(jti, 3600), clientId })
  cache.put('doomed-1', ofClient('doomed', 'j1'))
  cache.put('doomed-2', ofClient('doomed', 'j2'))
  cache.put('other', ofClient('other', 'j3'))
  cache.endClient('doomed')
  t.equal(cache.get('doomed-1'), undefined)
  t.equal(cache.get('doomed-2'), undefined)
  t.ok(cache.get('other'))
  cache.put('late', ofClient('doomed', 'j4'))
  t.equal(cache.get('late'), undefined, 'an answer that was under way when the client ended is not stored')
  clock.now += 5100
  cache.put('later', ofClient('doomed', 'j5'))
  t.ok(cache.get('later'), 'once no entry from before could live, a client id used again is cached again')
})
