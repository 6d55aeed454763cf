// Every store contract suite, run against the in-memory stores used when there is no Redis.
import t from 'tap'
import type { Test } from 'tap'
import { memoryStores, revocationChannel } from '../../src/storage/memory/index.js'
import type { ShortLivedStores } from '../../src/storage/types.js'
import { accessTokenStoreContract } from './contract/access-tokens.js'
import { authorizationCodeStoreContract } from './contract/authorization-codes.js'
import { clientGrantIndexContract } from './contract/client-grants.js'
import { deliveryQueueContract } from './contract/delivery-queue.js'
import { failureCounterContract } from './contract/failure-counter.js'
import { knownAddressStoreContract } from './contract/known-addresses.js'
import { pendingAuthorizationStoreContract } from './contract/pending-authorizations.js'
import { pushedRequestStoreContract } from './contract/pushed-requests.js'
import { refreshTokenStoreContract } from './contract/refresh-tokens.js'
import { sessionStoreContract } from './contract/sessions.js'
import { nextFrom } from './contract/support.js'
import { usedAssertionStoreContract } from './contract/used-assertions.js'
import { userGrantIndexContract } from './contract/user-grants.js'
import { webauthnChallengeStoreContract } from './contract/webauthn-challenges.js'
import { accountTokenStoreContract } from './contract/account-tokens.js'

async function make (t: Test): Promise<ShortLivedStores & { nextRevocation: () => Promise<string> }> {
  const revocations = revocationChannel()
  const nextRevocation = nextFrom<string>((listener) => revocations.subscribe(listener), t)
  const { stores, close } = memoryStores(revocations)
  t.teardown(close)
  return { ...stores, nextRevocation }
}

t.test('access tokens', (t) => accessTokenStoreContract(t, async (t) => {
  const { accessTokens, nextRevocation } = await make(t)
  return { store: accessTokens, nextRevocation }
}))
t.test('failure counter', (t) => failureCounterContract(t, async (t) => (await make(t)).failures))
t.test('known addresses', (t) => knownAddressStoreContract(t, async (t) => (await make(t)).knownAddresses))
t.test('used assertions', (t) => usedAssertionStoreContract(t, async (t) => (await make(t)).usedAssertions))
t.test('authorization codes', (t) => authorizationCodeStoreContract(t, async (t) => (await make(t)).authorizationCodes))
t.test('refresh tokens', (t) => refreshTokenStoreContract(t, async (t) => (await make(t)).refreshTokens))
t.test('user grants', (t) => userGrantIndexContract(t, async (t) => (await make(t)).userGrants))
t.test('client grants', (t) => clientGrantIndexContract(t, async (t) => ({ index: (await make(t)).clientGrants })))
t.test('sessions', (t) => sessionStoreContract(t, async (t) => (await make(t)).sessions))
t.test('pushed requests', (t) => pushedRequestStoreContract(t, async (t) => (await make(t)).pushedRequests))
t.test('pending authorizations', (t) => pendingAuthorizationStoreContract(t, async (t) => (await make(t)).pendingAuthorizations))
t.test('delivery queue', (t) => deliveryQueueContract(t, async (t) => ({ queue: (await make(t)).deliveryQueue })))
t.test('WebAuthn challenges', (t) => webauthnChallengeStoreContract(t, async (t) => (await make(t)).webauthnChallenges))
t.test('account tokens', (t) => accountTokenStoreContract(t, async (t) => (await make(t)).accountTokens))
