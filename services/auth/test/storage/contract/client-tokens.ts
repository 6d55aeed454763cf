// The behaviour every ClientTokenIndex promises, run against each implementation: what a deleted client held is
// handed over once, and nothing can join it while the deletion is under way.
import type { Test } from 'tap'
import type { ClientHoldings, ClientTokenIndex } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export interface ClientTokenIndexSubject {
  index: ClientTokenIndex
  /** Where the index lives in Redis: the keys it wrote that would never expire. */
  keysWithoutTtl?: () => Promise<string[]>
}

const sorted = ({ grants, accessTokens }: ClientHoldings): ClientHoldings => ({ grants: grants.sort(), accessTokens: accessTokens.sort() })
const NOTHING: ClientHoldings = { grants: [], accessTokens: [] }

export async function clientTokenIndexContract (t: Test, make: MakeStore<ClientTokenIndexSubject>): Promise<void> {
  /** Runs `body` on a fresh index, then checks that every key it left behind expires. */
  const withIndex = (name: string, body: (t: Test, index: ClientTokenIndex) => Promise<void>) => t.test(name, async (t) => {
    const { index, keysWithoutTtl } = await make(t)
    await body(t, index)
    if (keysWithoutTtl) t.same(await keysWithoutTtl(), [], 'every key the index wrote expires')
  })

  withIndex("closing a client hands over each of its grants and access tokens once, and no other client's", async (t, index) => {
    const [client, other] = [fresh(), fresh()]
    t.equal(await index.addGrant(client, 'g1', 60), true)
    t.equal(await index.addGrant(client, 'g2', 60), true)
    t.equal(await index.addGrant(client, 'g1', 60), true)
    t.equal(await index.addAccessToken(client, 'a1', 60), true)
    t.equal(await index.addAccessToken(other, 'a2', 60), true)
    t.same(sorted(await index.close(client, 60)), { grants: ['g1', 'g2'], accessTokens: ['a1'] })
    t.same(await index.close(client, 60), NOTHING, 'what was handed over is gone')
    t.same(await index.close(other, 60), { grants: [], accessTokens: ['a2'] })
    t.same(await index.close(fresh(), 60), NOTHING, 'a client that never held anything')
  })

  withIndex('a closed client takes nothing more, until its closing lapses; other clients are unaffected', async (t, index) => {
    const [client, other] = [fresh(), fresh()]
    await index.addGrant(client, 'before', 60)
    await index.close(client, SHORT_TTL)
    t.equal(await index.addGrant(client, 'g', 60), false, 'a grant must end at once')
    t.equal(await index.addAccessToken(client, 'a', 60), false, 'an access token must end at once')
    t.same(await index.close(client, SHORT_TTL), NOTHING, 'nothing was taken in')
    t.equal(await index.addGrant(other, 'g', 60), true)
    await outliveShortTtl()
    t.equal(await index.addGrant(client, 'after', 60), true, 'a client id used again later is open again')
    t.same(await index.close(client, 60), { grants: ['after'], accessTokens: [] })
  })

  withIndex('what has expired is not handed over; the index lives as long as its longest member', async (t, index) => {
    const [client, lapsed] = [fresh(), fresh()]
    await index.addGrant(client, 'long', 60)
    await index.addGrant(client, 'short', SHORT_TTL)
    await index.addAccessToken(client, 'short-token', SHORT_TTL)
    await index.addAccessToken(lapsed, 'short-token', SHORT_TTL)
    await outliveShortTtl()
    t.same(await index.close(client, 60), { grants: ['long'], accessTokens: [] })
    t.same(await index.close(lapsed, 60), NOTHING)
  })

  withIndex('a member added again lives as long as its latest lifetime', async (t, index) => {
    const client = fresh()
    await index.addAccessToken(client, 'renewed', SHORT_TTL)
    await index.addAccessToken(client, 'renewed', 60)
    await outliveShortTtl()
    t.same(await index.close(client, 60), { grants: [], accessTokens: ['renewed'] })
  })
}
