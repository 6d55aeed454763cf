// The pieces of the passkey pages: the form a ceremony runs in, and the script tag that runs it.
import { Html, html } from '../html.js'
import { hidden } from '../layout.js'
import { PASSKEY_SCRIPT_PATH } from '../content-policy.js'

/**
 * A form whose button runs the WebAuthn ceremony (`register` or `authenticate`) with `options`, then posts the answer in
 * its `credential` field. Without the script the button posts an empty answer, which is refused kindly.
 */
export function ceremonyForm (view: {
  ceremony: 'register' | 'authenticate', action: string, options: unknown, csrf: string, fields?: Record<string, string | undefined>, inside?: Html, button: string
}): Html {
  return html`<form method="post" action="${view.action}" data-passkey="${view.ceremony}" data-options="${JSON.stringify(view.options)}">
${hidden('_csrf', view.csrf)}${Object.entries(view.fields ?? {}).map(([name, value]) => hidden(name, value))}<input type="hidden" name="credential" value="">
${view.inside}
<p data-passkey-status role="status"></p>
<div class="actions"><button type="submit">${view.button}</button></div>
</form>`
}

export const passkeyScript = (): Html => html`<script src="${PASSKEY_SCRIPT_PATH}"></script>`

export const NOT_USED = 'That passkey could not be used. Try again, or use another way to sign in.'
