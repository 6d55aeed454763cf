// The demo's pages. Ids and labels are stable: browser tests drive the pages by them.
import type { Call, Me } from '@keyhold/contracts'
import type { Identity } from '../session/store.js'
import { html, type Html } from './html.js'

function layout (title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Keyhold demo</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/" id="home">Keyhold demo</a></header>
<main>
${body}
</main>
</body>
</html>
`.value
}

const csrfField = (csrfToken: string) => html`<input type="hidden" name="_csrf" value="${csrfToken}">`

const notice = (text: string | undefined) => text && html`<p id="notice" role="status">${text}</p>`

export function signedOutPage (message?: string): string {
  return layout('Welcome', html`
<h1>Keyhold demo</h1>
${notice(message)}
<p>This app signs you in with Keyhold and shows your calls from the resource service.</p>
<p><a id="sign-in" class="button" href="/sign-in">Sign in with Keyhold</a></p>`)
}

export interface HomeView {
  csrfToken: string
  /** Who signed in, from the id_token and userinfo. */
  identity?: Identity
  me?: Me
  calls?: Call[]
  /** Why the profile or calls could not be shown. */
  problem?: string
  notice?: string
}

export function homePage (view: HomeView): string {
  const { me, calls, csrfToken } = view
  const who = me ? me.username ?? me.sub : undefined
  return layout('Your calls', html`
<h1 id="welcome">${who ? `Signed in as ${who}` : 'Signed in'}</h1>
${notice(view.notice)}
${view.problem && html`<p id="resource-error" role="alert">${view.problem}</p>`}
${identitySection(view.identity)}
${me && html`<section id="profile" aria-labelledby="profile-title">
<h2 id="profile-title">Profile</h2>
<dl>
<dt>Subject</dt><dd id="profile-sub">${me.sub}</dd>
${me.username && html`<dt>Username</dt><dd id="profile-username">${me.username}</dd>`}
<dt>Granted scope</dt><dd id="profile-scope">${me.scope}</dd>
</dl>
</section>`}
${calls && html`<section id="calls" aria-labelledby="calls-title">
<h2 id="calls-title">Ongoing calls</h2>
${calls.length === 0
  ? html`<p id="no-calls">No ongoing calls.</p>`
  : html`<ul id="call-list">${calls.map((call) => html`
<li class="call" data-call-id="${call.id}"><span class="call-number">${call.number}</span>
<form method="post" action="/calls/${encodeURIComponent(call.id)}/end">${csrfField(csrfToken)}<button type="submit" class="end-call" aria-label="End call to ${call.number}">End call</button></form></li>`)}
</ul>`}
</section>`}
<section id="start-call-section" aria-labelledby="start-call-title">
<h2 id="start-call-title">Start a call</h2>
<form id="start-call-form" method="post" action="/calls">${csrfField(csrfToken)}
<label for="number">Phone number</label>
<input id="number" name="number" type="tel" required maxlength="32" autocomplete="off" placeholder="+14155550100">
<button id="start-call" type="submit">Start call</button>
</form>
</section>
<form id="sign-out-form" method="post" action="/sign-out">${csrfField(csrfToken)}<button id="sign-out" type="submit">Sign out</button></form>`)
}

/** The name and email Keyhold released (scopes profile and email); nothing when it released neither. */
function identitySection (identity: Identity | undefined): Html | undefined {
  if (identity?.name === undefined && identity?.email === undefined) return undefined
  return html`<section id="identity" aria-labelledby="identity-title">
<h2 id="identity-title">Your Keyhold account</h2>
<dl>
${identity.name !== undefined && html`<dt>Name</dt><dd id="identity-name">${identity.name}</dd>`}
${identity.email !== undefined && html`<dt>Email</dt><dd id="identity-email">${identity.email}</dd>${identity.emailVerified === false && html`<dd id="identity-email-status">not verified</dd>`}`}
</dl>
</section>`
}

export function errorPage (title: string, message: string, retry = true): string {
  return layout(title, html`
<h1 id="error-title">${title}</h1>
<p id="error-message">${message}</p>
${retry && html`<p><a id="try-again" class="button" href="/sign-in">Try signing in again</a></p>`}
<p><a id="back-home" href="/">Back to the start page</a></p>`)
}

export const STYLESHEET = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a2e}
header a{font-weight:600;text-decoration:none;color:inherit}
.button,button{display:inline-block;padding:.4rem .9rem;border:1px solid #335;border-radius:.3rem;background:#335;color:#fff;text-decoration:none;font:inherit;cursor:pointer}
.call{display:flex;gap:1rem;align-items:center;margin:.3rem 0}.call form{margin:0}
#notice{background:#eef6ee;padding:.5rem}#resource-error{background:#fdecec;padding:.5rem}
dt{font-weight:600}label{display:block;margin:.5rem 0 .2rem}input{font:inherit;padding:.3rem}
#sign-out-form{margin-top:2rem}button#sign-out{background:#fff;color:#335}
`
