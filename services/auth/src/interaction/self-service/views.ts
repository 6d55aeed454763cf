// The frame of the self-service pages (sign-up, email verification, password reset): the shared layout with a notice
// or a problem on top, and their forms.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../accounts/password-policy.js'
import { Html, html } from '../html.js'
import { hidden, page } from '../layout.js'

export const FORGOT_PASSWORD_PATH = '/forgot-password'

/** The password policy in words, shown beside every field where a new password is chosen. */
export const PASSWORD_RULES = `At least ${MIN_PASSWORD_LENGTH} characters (at most ${MAX_PASSWORD_LENGTH}), any you like: spaces, ` +
  'accents and symbols too; a common password is refused. A long phrase is easy to remember and hard to guess.'

/** A field for a new password, with the rules shown under it. */
export const passwordField = (name: string, label: string): Html => html`<label for="${name}">${label}</label>
<input type="password" id="${name}" name="${name}" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}" required aria-describedby="${name}-rules">
<p id="${name}-rules">${PASSWORD_RULES}</p>`

export interface Message { notice?: string, problem?: string }

export function selfServicePage (title: string, body: Html, message: Message = {}): string {
  return page(title, html`<h1>${title}</h1>
${message.problem !== undefined && html`<p class="error" role="alert">${message.problem}</p>`}
${message.notice !== undefined && html`<p class="notice" role="status">${message.notice}</p>`}
${body}`)
}

/** A form posting to `action` (the route its CSRF token is bound to), with `fields` inside. */
export const postForm = (action: string, csrf: string, fields: Html, extra: Record<string, string | undefined> = {}): Html =>
  html`<form method="post" action="${action}">${hidden('_csrf', csrf)}${Object.entries(extra).map(([name, value]) => hidden(name, value))}
${fields}</form>`

/** A message of the account code ("the password must …") as a sentence on a page. */
export const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`
