// The behaviour every ClientGrantIndex promises, run against each implementation: what a deleted client held is
// handed over once, and nothing can join it while the deletion is under way.
import type { Test } from 'tap'
import type { ClientGrantIndex } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export interface ClientGrantIndexSubject {
  index: ClientGrantIndex
  /** Where the index lives in Redis: the keys it wrote that would never expire. */
  keysWithoutTtl?: () => Promise<string[]>
}

export async function clientGrantIndexContract (t: Test, make: MakeStore<ClientGrantIndexSubject>): Promise<void> {
  /** Runs `body` on a fresh index, then checks that every key it left behind expires. */
  const withIndex = (name: string, body: (t: Test, index: ClientGrantIndex) => Promise<void>) => t.test(name, async (t) => {
    const { index, keysWithoutTtl } = await make(t)
    await body(t, index)
    if (keysWithoutTtl) t.same(await keysWithoutTtl(), [], 'every key the index wrote expires')
  })

  withIndex("closing a client hands over each of its grants once, and no other client's", async (t, index) => {
    const [client, other] = [fresh(), fresh()]
    t.equal(await index.add(client, 'g1', 60), true)
    t.equal(await index.add(client, 'g2', 60), true)
    t.equal(await index.add(client, 'g1', 60), true)
    t.equal(await index.add(other, 'g3', 60), true)
    t.same((await index.close(client, 60)).sort(), ['g1', 'g2'])
    t.same(await index.close(client, 60), [], 'what was handed over is gone')
    t.same(await index.close(other, 60), ['g3'])
    t.same(await index.close(fresh(), 60), [], 'a client that never held anything')
  })

  withIndex('a closed client takes nothing more, until its closing lapses; other clients are unaffected', async (t, index) => {
    const [client, other] = [fresh(), fresh()]
    await index.add(client, 'before', 60)
    await index.close(client, SHORT_TTL)
    t.equal(await index.add(client, 'g', 60), false, 'a grant must end at once')
    t.same(await index.close(client, SHORT_TTL), [], 'nothing was taken in')
    t.equal(await index.add(other, 'g', 60), true)
    await outliveShortTtl()
    t.equal(await index.add(client, 'after', 60), true, 'a client id used again later is open again')
    t.same(await index.close(client, 60), ['after'])
  })

  withIndex('what has expired is not handed over; the index lives as long as its longest member', async (t, index) => {
    const [client, lapsed] = [fresh(), fresh()]
    await index.add(client, 'long', 60)
    await index.add(client, 'short', SHORT_TTL)
    await index.add(lapsed, 'short', SHORT_TTL)
    await outliveShortTtl()
    t.same(await index.close(client, 60), ['long'])
    t.same(await index.close(lapsed, 60), [])
  })

  withIndex('a grant added again lives as long as its latest lifetime', async (t, index) => {
    const client = fresh()
    await index.add(client, 'renewed', SHORT_TTL)
    await index.add(client, 'renewed', 60)
    await outliveShortTtl()
    t.same(await index.close(client, 60), ['renewed'])
  })
}
