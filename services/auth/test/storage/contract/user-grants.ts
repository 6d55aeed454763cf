// The behaviour every UserGrantIndex promises, run against each implementation.
import type { Test } from 'tap'
import type { UserGrantIndex } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export async function userGrantIndexContract (t: Test, make: MakeStore<UserGrantIndex>): Promise<void> {
  t.test("taking a user's grants returns each once and empties the index for that user only", async (t) => {
    const index = await make(t)
    const [user, other] = [fresh(), fresh()]
    await index.add(user, 'g1', 60)
    await index.add(user, 'g2', 60)
    await index.add(user, 'g1', 60)
    await index.add(other, 'g3', 60)
    t.same((await index.take(user)).sort(), ['g1', 'g2'])
    t.same(await index.take(user), [])
    t.same(await index.take(other), ['g3'])
    t.same(await index.take(fresh()), [], 'a user with no grants')
  })

  t.test("a user's index lives as long as their longest grant", async (t) => {
    const index = await make(t)
    const [kept, lapsed] = [fresh(), fresh()]
    await index.add(kept, 'long', 60)
    await index.add(kept, 'short', SHORT_TTL)
    await index.add(lapsed, 'short', SHORT_TTL)
    await outliveShortTtl()
    t.same((await index.take(kept)).sort(), ['long', 'short'])
    t.same(await index.take(lapsed), [])
  })
}
