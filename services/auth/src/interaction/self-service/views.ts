// The frame of the self-service pages (sign-up, email verification, password reset): the shared layout with a notice
// or a problem on top, and their forms.
import { Html, html } from '../html.js'
import { hidden, page } from '../layout.js'

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
