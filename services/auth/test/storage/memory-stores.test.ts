// Every store contract suite, run against the in-memory stores used when there is no Redis.
import t from 'tap'
import type { Test } from 'tap'
import { memoryStores, revocationChannel } from '../../src/storage/memory/index.js'
import type { ShortLivedStores } from '../../src/storage/types.js'
import { accessTokenStoreContract } from './contract/access-tokens.js'
import { failureCounterContract } from './contract/failure-counter.js'
import { nextFrom } from './contract/support.js'

async function make (t: Test): Promise<{ stores: ShortLivedStores, nextRevocation: () => Promise<string> }> {
  const revocations = revocationChannel()
  const nextRevocation = nextFrom<string>((listener) => revocations.subscribe(listener), t)
  const { stores, close } = memoryStores(revocations)
  t.teardown(close)
  return { stores, nextRevocation }
}

t.test('access tokens', (t) => accessTokenStoreContract(t, async (t) => {
  const { stores, nextRevocation } = await make(t)
  return { store: stores.accessTokens, nextRevocation }
}))
t.test('failure counter', (t) => failureCounterContract(t, async (t) => (await make(t)).stores.failures))
