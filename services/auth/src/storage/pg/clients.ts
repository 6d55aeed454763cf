// Clients in Postgres.
import { sql, type Kysely } from 'kysely'
import type {
  ClientAssertionSigningAlg, GrantType, IdTokenSigningAlg, IntrospectionSigningAlg, ResponseType, TokenEndpointAuthMethod
} from '@keyhold/contracts'
import type { Client, ClientFields } from '../../clients/client.js'
import { webOriginsOf } from '../../clients/web-origins.js'
import type { ClientStore } from '../types.js'
import type { ClientRow, Database } from './database.js'

function toClient (row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    redirectUris: row.redirect_uris,
    grantTypes: row.grant_types as GrantType[],
    responseTypes: row.response_types as ResponseType[],
    scopes: row.scope === '' ? [] : row.scope.split(' '),
    authMethod: row.token_endpoint_auth_method as TokenEndpointAuthMethod,
    firstParty: row.first_party,
    idTokenSigningAlg: row.id_token_signed_response_alg as IdTokenSigningAlg,
    introspectionSigningAlg: row.introspection_signed_response_alg as IntrospectionSigningAlg,
    postLogoutRedirectUris: row.post_logout_redirect_uris,
    ...(row.backchannel_logout_uri !== null && { backchannelLogoutUri: row.backchannel_logout_uri }),
    backchannelLogoutSessionRequired: row.backchannel_logout_session_required,
    ...(row.jwks !== null && { jwks: row.jwks }),
    ...(row.jwks_uri !== null && { jwksUri: row.jwks_uri }),
    ...(row.token_endpoint_auth_signing_alg !== null && { assertionSigningAlg: row.token_endpoint_auth_signing_alg as ClientAssertionSigningAlg }),
    requireSecondFactor: row.require_second_factor,
    createdAt: row.created_at
  }
}

function toColumns (fields: ClientFields) {
  return {
    name: fields.name,
    redirect_uris: fields.redirectUris,
    grant_types: fields.grantTypes,
    response_types: fields.responseTypes,
    scope: fields.scopes.join(' '),
    token_endpoint_auth_method: fields.authMethod,
    first_party: fields.firstParty,
    id_token_signed_response_alg: fields.idTokenSigningAlg,
    introspection_signed_response_alg: fields.introspectionSigningAlg,
    post_logout_redirect_uris: fields.postLogoutRedirectUris,
    backchannel_logout_uri: fields.backchannelLogoutUri ?? null,
    backchannel_logout_session_required: fields.backchannelLogoutSessionRequired,
    jwks: fields.jwks === undefined ? null : JSON.stringify(fields.jwks),
    jwks_uri: fields.jwksUri ?? null,
    token_endpoint_auth_signing_alg: fields.assertionSigningAlg ?? null,
    require_second_factor: fields.requireSecondFactor,
    // Written with the redirect URIs it comes from, so the two never disagree.
    web_origins: webOriginsOf(fields.redirectUris)
  }
}

export function pgClientStore (db: Kysely<Database>): ClientStore {
  return {
    async find (id) {
      const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toClient(row)
    },

    async list (limit, after) {
      let query = db.selectFrom('clients').selectAll().orderBy('id').limit(limit)
      if (after !== undefined) query = query.where('id', '>', after)
      return (await query.execute()).map(toClient)
    },

    async create (id, secretHash, fields, registrationTokenHash) {
      const row = await db.insertInto('clients')
        .values({ id, secret_hash: secretHash, registration_access_token_hash: registrationTokenHash ?? null, ...toColumns(fields) })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toClient(row)
    },

    async update (id, fields) {
      const row = await db.updateTable('clients')
        .set({ ...toColumns(fields), updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
      return row && toClient(row)
    },

    async registrationTokenHash (id) {
      const row = await db.selectFrom('clients').select('registration_access_token_hash').where('id', '=', id).executeTakeFirst()
      return row?.registration_access_token_hash ?? undefined
    },

    async updateRegistered (id, currentTokenHash, nextTokenHash, fields) {
      const row = await db.updateTable('clients')
        .set({ ...toColumns(fields), registration_access_token_hash: nextTokenHash, updated_at: new Date() })
        .where('id', '=', id)
        .where('registration_access_token_hash', '=', currentTokenHash)
        .returningAll()
        .executeTakeFirst()
      return row && toClient(row)
    },

    async setSecretHash (id, secretHash) {
      const result = await db.updateTable('clients')
        .set({ secret_hash: secretHash, updated_at: new Date() })
        .where('id', '=', id)
        .where('secret_hash', 'is not', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async delete (id) {
      const result = await db.deleteFrom('clients').where('id', '=', id).executeTakeFirst()
      return result.numDeletedRows > 0n
    },

    async registersWebOrigin (origin) {
      // Containment (@>) is what the GIN index on web_origins answers; `= any(web_origins)` would scan every client.
      const row = await db.selectFrom('clients').select('id')
        .where('web_origins', '@>', sql<string[]>`array[${origin}]::text[]`)
        .limit(1)
        .executeTakeFirst()
      return row !== undefined
    }
  }
}
