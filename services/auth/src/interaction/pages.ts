// The server-rendered pages of the browser flow: plain HTML forms that work without JavaScript.
import { createHash } from 'node:crypto'
import { Html, html } from './html.js'
import type { RequestedApi } from '../oauth/authorization/interaction.js'

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}
h1{font-size:1.35rem;margin:0 0 1rem}h2{font-size:1.05rem;margin:1rem 0 .25rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text],input[type=password]{width:100%;padding:.6rem;border:1px solid #b8bfcc;border-radius:6px;font:inherit}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #2250c8;background:#2554d8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#2554d8}.actions{display:flex;gap:.75rem;margin-top:1.25rem}
.error{padding:.6rem .8rem;border-radius:6px;background:#fdecec;color:#8a1f1f}ul{padding-left:1.2rem}code{font-size:.9em}
`.trim()

const cspHash = (source: string): string => `'sha256-${createHash('sha256').update(source).digest('base64')}'`

/** For the Content-Security-Policy: the one stylesheet pages may use. */
export const STYLE_HASH = cspHash(CSS)

const AUTO_SUBMIT = 'document.forms[0].submit()'
/** For the form_post page's Content-Security-Policy: its one script. */
export const AUTO_SUBMIT_HASH = cspHash(AUTO_SUBMIT)

function page (title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Keyhold</title><style>${new Html(CSS)}</style></head>
<body><main>${body}</main></body></html>`.value
}

const hidden = (name: string, value: string | undefined) =>
  value === undefined ? '' : html`<input type="hidden" name="${name}" value="${value}">`

export function loginPage (view: { csrf: string, requestId?: string, username?: string, problem?: string }): string {
  return page('Sign in', html`<h1>Sign in</h1>
${view.problem !== undefined && html`<p class="error" role="alert">${view.problem}</p>`}
<form method="post" action="/login">
${hidden('_csrf', view.csrf)}${hidden('request_id', view.requestId)}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${view.username ?? ''}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions"><button type="submit">Sign in</button></div>
</form>`)
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
