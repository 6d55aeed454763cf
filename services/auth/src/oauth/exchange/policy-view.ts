// Token-exchange policies as the admin API shows and takes them.
import type { ExchangePolicy as PolicyView, ExchangePolicyFields as PolicyBody } from '@keyhold/contracts'
import { InvalidRequest } from '../../errors.js'
import { ACCOUNT_SCOPE } from '../../identity-scopes.js'
import type { ExchangePolicy, ExchangePolicyFields } from '../../storage/types.js'
import { isAbsoluteUri } from './api-identifier.js'

export function toPolicyFields (body: PolicyBody): ExchangePolicyFields {
  if (!isAbsoluteUri(body.source_api)) throw new InvalidRequest('source_api must be an absolute URI without a fragment')
  if (!isAbsoluteUri(body.target_api)) throw new InvalidRequest('target_api must be an absolute URI without a fragment')
  const targetScopes = [...new Set(body.target_scope.split(' '))]
  // Changing or deleting an account takes the user's own consent to a first-party client: no policy can hand it out.
  if (targetScopes.includes(ACCOUNT_SCOPE)) throw new InvalidRequest(`the ${ACCOUNT_SCOPE} scope is never obtained by exchange`)
  return {
    clientId: body.client_id,
    sourceApi: body.source_api,
    sourceScope: body.source_scope,
    targetApi: body.target_api,
    targetScopes,
    impersonation: body.impersonation === true
  }
}

export const toPolicyView = (policy: ExchangePolicy): PolicyView => ({
  id: policy.id,
  client_id: policy.clientId,
  source_api: policy.sourceApi,
  source_scope: policy.sourceScope,
  target_api: policy.targetApi,
  target_scope: policy.targetScopes.join(' '),
  impersonation: policy.impersonation,
  created_at: policy.createdAt.toISOString(),
  updated_at: policy.updatedAt.toISOString()
})
