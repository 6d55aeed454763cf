// The ids of accepted tokens are remembered while their tokens could be accepted, and no more of them than allowed.
import t from 'tap'
import { ReplayCache } from '../src/oidc/replay-cache.js'

t.test('an id is accepted once while remembered, and again once forgotten', async (t) => {
  let now = 0
  const cache = new ReplayCache(10, () => now)
  t.ok(cache.use('a', 1000))
  t.notOk(cache.use('a', 1000), 'a replay')
  now = 1001
  t.ok(cache.use('b', 3000))
  t.equal(cache.size, 1, 'expired ids are swept')
})

t.test('bounded: when full, the oldest id goes', async (t) => {
  const cache = new ReplayCache(3, () => 0)
  for (const id of ['a', 'b', 'c', 'd']) cache.use(id, 1000)
  t.equal(cache.size, 3)
  t.ok(cache.use('a', 1000), 'the oldest was forgotten')
  t.notOk(cache.use('d', 1000))
})
