// The frame of every account page: the page layout, a way back to the overview, and a notice or a problem on top.
import { Html, html } from '../html.js'
import { hidden, page } from '../layout.js'

export const ACCOUNT = '/account'

export interface Message { notice?: string, problem?: string }

export function accountPage (title: string, body: Html, message: Message = {}): string {
  return page(title, html`<p><a href="${ACCOUNT}">← Your account</a></p>
<h1>${title}</h1>
${message.problem !== undefined && html`<p class="error" role="alert">${message.problem}</p>`}
${message.notice !== undefined && html`<p class="notice" role="status">${message.notice}</p>`}
${body}`)
}

/** A form posting to `action` (an account page's route, which its CSRF token is bound to), with `fields` inside. */
export const postForm = (action: string, csrf: string, fields: Html, extra: Record<string, string> = {}): Html =>
  html`<form method="post" action="${action}">${hidden('_csrf', csrf)}${Object.entries(extra).map(([name, value]) => hidden(name, value))}
${fields}</form>`

/** A date as a person reads it, in UTC (the page knows no time zone). */
export const when = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
