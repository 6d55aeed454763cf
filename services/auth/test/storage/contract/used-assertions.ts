// The behaviour every UsedAssertionStore promises, run against each implementation.
import type { Test } from 'tap'
import type { UsedAssertionStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export async function usedAssertionStoreContract (t: Test, make: MakeStore<UsedAssertionStore>): Promise<void> {
  t.test('an assertion is used once per client', async (t) => {
    const used = await make(t)
    const [client, other, jti] = [fresh(), fresh(), fresh()]
    t.equal(await used.use(client, jti, 60), true, 'the first use')
    t.equal(await used.use(client, jti, 60), false, 'a replay')
    t.equal(await used.use(other, jti, 60), true, 'the same jti of another client')
    t.equal(await used.use(client, fresh(), 60), true, 'another jti of the client')
  })

  t.test('of many uses at once, exactly one is the first', async (t) => {
    const used = await make(t)
    const [client, jti] = [fresh(), fresh()]
    const firsts = await Promise.all(Array.from({ length: 25 }, () => used.use(client, jti, 60)))
    t.equal(firsts.filter(Boolean).length, 1)
  })

  t.test('a jti is forgotten once its assertion has expired', async (t) => {
    const used = await make(t)
    const [client, jti] = [fresh(), fresh()]
    await used.use(client, jti, SHORT_TTL)
    await outliveShortTtl()
    t.equal(await used.use(client, jti, 60), true)
  })
}
