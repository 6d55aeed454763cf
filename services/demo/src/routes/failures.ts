// What a signed-in page says when the identity or resource service could not do what was asked.
import { UpstreamUnavailable } from '../http.js'
import { IdentityServiceError } from '../oidc/errors.js'
import { SignInRequired } from '../oidc/tokens.js'
import { ResourceError } from '../resource/client.js'

/** Failures of the services behind the demo, told to the user on the page; anything else is a bug. */
export const isServiceFailure = (error: unknown): error is Error =>
  error instanceof SignInRequired || error instanceof ResourceError ||
  error instanceof IdentityServiceError || error instanceof UpstreamUnavailable

export function describeFailure (error: Error): string {
  if (error instanceof SignInRequired) return 'Your Keyhold session has ended. Please sign in again.'
  if (error instanceof ResourceError && error.status >= 400 && error.status < 500 && error.status !== 401) {
    return error.status === 403
      ? 'Keyhold did not grant this app permission to do that.'
      : `The calls service refused: ${error.description ?? error.error ?? `status ${error.status}`}.`
  }
  return 'The calls service is unavailable right now. Please try again in a moment.'
}
