// The short-lived stores kept in this process's memory, for running without Redis: same interfaces,
// same behaviour, but everything in them is lost when the process ends.
import type { ShortLivedStores } from '../types.js'
import { memoryAccountTokenStore } from './account-tokens.js'
import { memoryAccessTokenStore } from './access-tokens.js'
import { memoryAuthorizationCodeStore } from './authorization-codes.js'
import { memoryClientGrantIndex } from './client-grants.js'
import { memoryDeliveryQueue } from './delivery-queue.js'
import { memoryKeyspace } from './expiring-map.js'
import { memoryFailureCounter } from './failure-counter.js'
import { memoryKnownAddressStore } from './known-addresses.js'
import { memoryPendingAuthorizationStore } from './pending-authorizations.js'
import { memoryPushedRequestStore } from './pushed-requests.js'
import { memoryRefreshTokenStore } from './refresh-tokens.js'
import type { RevocationChannel } from './revocations.js'
import { memorySessionStore } from './sessions.js'
import { memoryUsedAssertionStore } from './used-assertions.js'
import { memoryUserGrantIndex } from './user-grants.js'
import { memoryWebAuthnChallengeStore } from './webauthn-challenges.js'

export { inProcessNotices, revocationChannel, type RevocationChannel } from './revocations.js'
export { StoreFullError } from './expiring-map.js'

/** `capacity` bounds each map of each store on its own: no store's entries can crowd out another's. */
export function memoryStores (revocations: Pick<RevocationChannel, 'announce'>, capacity?: number): { stores: ShortLivedStores, close (): void } {
  const space = memoryKeyspace(undefined, capacity)
  return {
    stores: {
      accessTokens: memoryAccessTokenStore(space, revocations),
      failures: memoryFailureCounter(space),
      knownAddresses: memoryKnownAddressStore(space),
      usedAssertions: memoryUsedAssertionStore(space),
      authorizationCodes: memoryAuthorizationCodeStore(space),
      refreshTokens: memoryRefreshTokenStore(space),
      userGrants: memoryUserGrantIndex(space),
      clientGrants: memoryClientGrantIndex(space),
      sessions: memorySessionStore(space),
      pushedRequests: memoryPushedRequestStore(space),
      pendingAuthorizations: memoryPendingAuthorizationStore(space),
      deliveryQueue: memoryDeliveryQueue(space),
      webauthnChallenges: memoryWebAuthnChallengeStore(space),
      accountTokens: memoryAccountTokenStore(space)
    },
    close: () => { space.close() }
  }
}
