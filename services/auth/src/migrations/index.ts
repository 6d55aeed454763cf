// Every migration, by name; names sort in the order they run.
import type { Migration, MigrationProvider } from 'kysely'
import * as clientsAndSigningKeys from './2026-11-23T10-00-clients-and-signing-keys.js'
import * as usersAndConsents from './2026-11-24T09-00-users-and-consents.js'
import * as clientTrust from './2026-12-02T10-00-client-trust.js'
import * as enforcedUsernames from './2026-12-02T11-00-enforced-usernames.js'
import * as openidClientMetadata from './2026-12-05T08-00-openid-client-metadata.js'
import * as standardClaims from './2026-12-05T09-00-standard-claims.js'
import * as clientWebOrigins from './2026-12-05T10-00-client-web-origins.js'
import * as apiRegistry from './2026-12-05T12-00-api-registry.js'
import * as exchangePolicies from './2026-12-05T12-00-exchange-policies.js'
import * as clientKeyAuthentication from './2026-12-05T12-00-client-key-authentication.js'
import * as registrationAccessTokens from './2026-12-05T12-00-registration-access-tokens.js'
import * as introspectionSigningAlg from './2026-12-05T12-10-introspection-signing-alg.js'
import * as passkeys from './2026-12-06T00-30-passkeys.js'
import * as secondFactors from './2026-12-06T01-00-second-factors.js'

const migrations: Record<string, Migration> = {
  '2026-11-23T10-00-clients-and-signing-keys': clientsAndSigningKeys,
  '2026-11-24T09-00-users-and-consents': usersAndConsents,
  '2026-12-02T10-00-client-trust': clientTrust,
  '2026-12-02T11-00-enforced-usernames': enforcedUsernames,
  '2026-12-05T08-00-openid-client-metadata': openidClientMetadata,
  '2026-12-05T09-00-standard-claims': standardClaims,
  '2026-12-05T10-00-client-web-origins': clientWebOrigins,
  '2026-12-05T12-00-api-registry': apiRegistry,
  '2026-12-05T12-00-exchange-policies': exchangePolicies,
  '2026-12-05T12-00-client-key-authentication': clientKeyAuthentication,
  '2026-12-05T12-00-registration-access-tokens': registrationAccessTokens,
  '2026-12-05T12-10-introspection-signing-alg': introspectionSigningAlg,
  '2026-12-06T00-30-passkeys': passkeys,
  '2026-12-06T01-00-second-factors': secondFactors
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations
}
