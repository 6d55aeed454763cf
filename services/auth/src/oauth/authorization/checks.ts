// The checks of an authorization request once its client and redirect URI are known, in the order they run: the first
// to fail answers, at the client's redirect URI. Each decides some fields of the checked request; later ones may read
// what earlier ones decided.
import type { FastifyInstance } from 'fastify'
import type { AuthorizationParameters } from '@keyhold/contracts'
import { isPublic, type Client } from '../../clients/client.js'
import { InvalidRequest } from '../../errors.js'
import type { CheckedAuthorizationRequest } from '../../storage/types.js'
import { checkIdTokenHint } from '../checks/id-token-hint.js'
import { checkNonce } from '../checks/nonce.js'
import { checkCodeChallenge } from '../checks/pkce.js'
import { checkMaxAge, checkPrompt } from '../checks/prompt.js'
import { requiresSecondFactor } from '../checks/second-factor.js'
import { checkResponseMode } from '../checks/response-mode.js'
import { checkResponseType, returnsIdToken } from '../checks/response-type.js'
import { checkRequestScope } from '../checks/scope.js'
import { clientScopes } from '../scope.js'
import { requestedApis } from '../targets.js'
import { isValidState, MAX_STATE_LENGTH } from '../checks/state.js'

export type Checked = Omit<CheckedAuthorizationRequest, 'clientId' | 'redirectUri' | 'redirectUriGiven' | 'pushedRequest'>

export interface CheckContext {
  app: FastifyInstance
  client: Client
  parameters: AuthorizationParameters
  /** What the checks before this one decided. */
  checked: Checked
}

type AuthorizationCheck = (context: CheckContext) => Partial<Checked> | Promise<Partial<Checked>>

// A hint longer than any username or address is no hint; it is dropped rather than refused.
const MAX_LOGIN_HINT_LENGTH = 254

export const AUTHORIZATION_CHECKS: ReadonlyArray<readonly [name: string, check: AuthorizationCheck]> = [
  ['state', ({ parameters: { state } }) => {
    if (state !== undefined && !isValidState(state)) throw new InvalidRequest(`state must be at most ${MAX_STATE_LENGTH} printable ASCII characters`)
    return state === undefined ? {} : { state }
  }],
  ['response_type', ({ client, parameters }) => ({ responseType: checkResponseType(client, parameters.response_type) })],
  ['response_mode', ({ parameters, checked }) => ({ mode: checkResponseMode(checked.responseType, parameters.response_mode) })],
  ['resource', async ({ app, client, parameters }) => {
    const apis = requestedApis(await app.apis.current(), parameters.resource, clientScopes(client, { forUser: true }))
    return apis === undefined ? {} : { resources: apis.map((api) => api.identifier) }
  }],
  ['scope', async ({ app, client, parameters, checked }) => {
    const catalogue = await app.apis.current()
    const apis = checked.resources?.map((identifier) => catalogue.find(identifier)!)
    return { scopes: checkRequestScope(catalogue, client, parameters.scope, checked.responseType, apis) }
  }],
  ['nonce', ({ parameters, checked }) => {
    const nonce = checkNonce(parameters.nonce, { required: returnsIdToken(checked.responseType) })
    return nonce === undefined ? {} : { nonce }
  }],
  ['code_challenge', ({ client, parameters, checked }) => {
    if (checked.responseType !== 'code') return {}
    const codeChallenge = checkCodeChallenge(parameters.code_challenge, parameters.code_challenge_method, { required: isPublic(client) })
    return codeChallenge === undefined ? {} : { codeChallenge }
  }],
  ['prompt', ({ parameters }) => {
    const prompt = checkPrompt(parameters.prompt)
    return prompt === undefined ? {} : { prompt }
  }],
  ['max_age', ({ parameters }) => {
    const maxAge = checkMaxAge(parameters.max_age)
    return maxAge === undefined ? {} : { maxAge }
  }],
  ['acr_values', ({ app, client, parameters }) =>
    requiresSecondFactor(app, client, parameters.acr_values) ? { requiresSecondFactor: true } : {}],
  ['login_hint', ({ parameters: { login_hint: hint } }) =>
    hint === undefined || hint.length > MAX_LOGIN_HINT_LENGTH ? {} : { loginHint: hint }],
  ['id_token_hint', async ({ app, client, parameters: { id_token_hint: hint } }) =>
    hint === undefined ? {} : { hintSubject: (await checkIdTokenHint(app, hint, client.id)).sub }]
]

/** The request's fields, decided by every check in order; throws what the first to fail throws. */
export async function runAuthorizationChecks (app: FastifyInstance, client: Client, parameters: AuthorizationParameters): Promise<Checked> {
  // Placeholders until response_type, response_mode and scope are decided, which they are before anything reads them.
  const checked: Checked = { responseType: 'code', mode: 'query', scopes: [] }
  for (const [, check] of AUTHORIZATION_CHECKS) Object.assign(checked, await check({ app, client, parameters, checked }))
  return checked
}
