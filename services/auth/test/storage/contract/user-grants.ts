// The behaviour every UserGrantIndex promises, run against each implementation.
import type { Test } from 'tap'
import type { UserGrantIndex } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const grant = (grantId: string, clientId = 'app', startedAt = 1_800_000_000) => ({ grantId, clientId, startedAt })

export async function userGrantIndexContract (t: Test, make: MakeStore<UserGrantIndex>): Promise<void> {
  t.test("taking a user's grants returns each once and empties the index for that user only", async (t) => {
    const index = await make(t)
    const [user, other] = [fresh(), fresh()]
    await index.add(user, grant('g1'), 60)
    await index.add(user, grant('g2'), 60)
    await index.add(user, grant('g1'), 60)
    await index.add(other, grant('g3'), 60)
    t.same((await index.take(user)).sort(), ['g1', 'g2'])
    t.same(await index.take(user), [])
    t.same(await index.take(other), ['g3'])
    t.same(await index.take(fresh()), [], 'a user with no grants')
  })

  t.test("a user's grants are listed with their client and start, and those of one client taken alone", async (t) => {
    const index = await make(t)
    const [user, other] = [fresh(), fresh()]
    await index.add(user, grant('g1', 'app', 1_800_000_001), 60)
    await index.add(user, grant('g2', 'tool', 1_800_000_002), 60)
    await index.add(user, grant('g3', 'app', 1_800_000_003), 60)
    await index.add(other, grant('g4', 'app'), 60)
    t.same((await index.list(user)).sort((a, b) => a.grantId.localeCompare(b.grantId)), [
      grant('g1', 'app', 1_800_000_001), grant('g2', 'tool', 1_800_000_002), grant('g3', 'app', 1_800_000_003)
    ])
    t.same((await index.takeClient(user, 'app')).sort(), ['g1', 'g3'])
    t.same(await index.takeClient(user, 'app'), [], 'taken once')
    t.same(await index.list(user), [grant('g2', 'tool', 1_800_000_002)])
    t.same(await index.takeClient(other, 'tool'), [])
    t.same(await index.take(other), ['g4'], "another user's grants of the client stay")
    t.same(await index.list(fresh()), [])
  })

  t.test("a user's index lives as long as their longest grant", async (t) => {
    const index = await make(t)
    const [kept, lapsed] = [fresh(), fresh()]
    await index.add(kept, grant('long'), 60)
    await index.add(kept, grant('short'), SHORT_TTL)
    await index.add(lapsed, grant('short'), SHORT_TTL)
    await outliveShortTtl()
    t.same((await index.take(kept)).sort(), ['long', 'short'])
    t.same(await index.take(lapsed), [])
  })
}
