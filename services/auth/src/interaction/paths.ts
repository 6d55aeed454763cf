// The browser flow's own URLs, carrying only the id of the pending authorization request.

const withRequest = (path: string, requestId: string | undefined): string =>
  requestId === undefined ? path : `${path}?${new URLSearchParams({ request_id: requestId })}`

export const loginUrl = (requestId?: string): string => withRequest('/login', requestId)

/** A sign-in, fresh even when the browser has a session, that comes back to the account page `returnTo`. */
export const signInAgainUrl = (returnTo: string): string => `/login?${new URLSearchParams({ return_to: returnTo })}`

export const consentUrl = (requestId: string): string => withRequest('/consent', requestId)
