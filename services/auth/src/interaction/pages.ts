// The server-rendered pages of the browser flow: plain HTML forms that work without JavaScript.
import { Html, html } from './html.js'
import { cspHash, hidden, page } from './layout.js'
import type { RequestedApi } from '../oauth/authorization/interaction.js'

const AUTO_SUBMIT = 'document.forms[0].submit()'
/** For the form_post page's Content-Security-Policy: its one script. */
export const AUTO_SUBMIT_HASH = cspHash(AUTO_SUBMIT)

export function loginPage (view: { csrf: string, requestId?: string, returnTo?: string, username?: string, problem?: string }): string {
  return page('Sign in', html`<h1>Sign in</h1>
${view.problem !== undefined && html`<p class="error" role="alert">${view.problem}</p>`}
${view.returnTo !== undefined && view.problem === undefined && html`<p>Please sign in again to continue.</p>`}
<form method="post" action="/login">
${hidden('_csrf', view.csrf)}${hidden('request_id', view.requestId)}${hidden('return_to', view.returnTo)}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${view.username ?? ''}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions"><button type="submit">Sign in</button></div>
</form>
<form method="get" action="/login/passkey">${hidden('request_id', view.requestId)}${hidden('return_to', view.returnTo)}
<div class="actions"><button type="submit" class="secondary" id="passkey-sign-in">Sign in with a passkey</button></div>
</form>
<p><a href="/forgot-password">Forgot your password?</a></p>
<p>New here? <a href="${view.requestId === undefined ? '/signup' : `/signup?${new URLSearchParams({ request_id: view.requestId })}`}">Create an account</a></p>`)
}

export function consentPage (view: { csrf: string, requestId: string, clientName: string, username: string, apis: readonly RequestedApi[] }): string {
  return page('Allow access', html`<h1>Allow ${view.clientName} to use your account?</h1>
<p>Signed in as <strong>${view.username}</strong>.</p>
${view.apis.length > 0
    ? html`<p>${view.clientName} asks for:</p>${view.apis.map((api) => apiSection(api))}`
    : html`<p>${view.clientName} asks to know who you are.</p>`}
<form method="post" action="/consent">
${hidden('_csrf', view.csrf)}${hidden('request_id', view.requestId)}
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</div>
</form>`)
}

/** One API the client asks for, by name, with what each scope of it allows. */
function apiSection (api: RequestedApi): Html {
  return html`<section class="api"><h2>${api.name}</h2>
${api.scopes.length > 0
    ? html`<ul>${api.scopes.map(({ name, description }) => html`<li>${description} (<code>${name}</code>)</li>`)}</ul>`
    : html`<p>Access to ${api.name}</p>`}</section>`
}

export function signedInPage (view: { csrf: string, username: string }): string {
  return page('Signed in', html`<h1>Signed in</h1><p>You are signed in as <strong>${view.username}</strong>.</p>
${logoutForm(view.csrf, {})}`)
}

export function logoutPage (view: { csrf: string, username: string, clientName?: string, parameters: Record<string, string | undefined> }): string {
  return page('Sign out', html`<h1>Sign out?</h1><p>You are signed in as <strong>${view.username}</strong>.</p>
${view.clientName !== undefined && html`<p>${view.clientName} asks to sign you out of Keyhold.</p>`}
${logoutForm(view.csrf, view.parameters)}`)
}

function logoutForm (csrf: string, parameters: Record<string, string | undefined>): Html {
  return html`<form method="post" action="/logout">${hidden('_csrf', csrf)}
${Object.entries(parameters).map(([name, value]) => hidden(name, value))}
<div class="actions"><button type="submit">Sign out</button></div></form>`
}

/** Posts an authorization answer to the client's redirect URI. */
export function formPostPage (view: { action: string, parameters: Record<string, string> }): string {
  return page('Returning to the application', html`<h1>Returning to the application</h1>
<form method="post" action="${view.action}">
${Object.entries(view.parameters).map(([name, value]) => hidden(name, value))}
<noscript><p>Press Continue to return to the application.</p><div class="actions"><button type="submit">Continue</button></div></noscript>
</form>
<script>${new Html(AUTO_SUBMIT)}</script>`)
}

export const signedOutPage = (): string => page('Signed out', html`<h1>Signed out</h1><p>You are signed out.</p>`)

export function errorPage (view: { title: string, error?: string, description?: string }): string {
  return page(view.title, html`<h1>${view.title}</h1>
<p class="error" role="alert">${view.description ?? 'The request could not be completed.'}</p>
${view.error !== undefined && html`<p>Error code: <code>${view.error}</code></p>`}`)
}
