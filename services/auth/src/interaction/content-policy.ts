// The Content-Security-Policy of the pages: nothing but their one stylesheet, never in a frame. The form_post page may
// also run its one script, which posts the answer to the client.
import { STYLE_HASH } from './layout.js'
import { AUTO_SUBMIT_HASH } from './pages.js'

// No form-action: browsers apply it to the redirect after a form post, which goes to the client.
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${STYLE_HASH}; frame-ancestors 'none'; base-uri 'none'`

export const FORM_POST_POLICY = `${CONTENT_SECURITY_POLICY}; script-src ${AUTO_SUBMIT_HASH}`

/** Where the passkey pages' one script is served. */
export const PASSKEY_SCRIPT_PATH = '/assets/passkeys.js'

/** A page that runs a WebAuthn ceremony may run that script, from `origin` (WEBAUTHN_ORIGIN), and nothing else. */
export const passkeyPagePolicy = (origin: string): string => `${CONTENT_SECURITY_POLICY}; script-src ${origin}${PASSKEY_SCRIPT_PATH}`
