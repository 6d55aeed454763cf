// What the account page tests share: an account holder with an email address signed in to a browser, the fields of
// one form on a page, and the mail the service sent.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Mail } from '../../src/mail/mailer.js'
import { Browser, hiddenFields, signIn } from '../browser.js'

export interface Holder { id: string, username: string, password: string, email: string }

/** A user with an email address, signed up through the account API. */
export async function holder (app: FastifyInstance): Promise<Holder> {
  const username = `user${randomBytes(4).toString('hex')}`
  const password = 'a long enough password'
  const email = `${username}@example.com`
  const response = await app.inject({ method: 'POST', url: '/api/users', payload: { username, password, email } })
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`)
  return { ...response.json<{ id: string }>(), username, password, email }
}

/** A browser signed in as `user` (from `remoteAddress`, when given). */
export async function signedIn (app: FastifyInstance, user: { username: string, password: string }, remoteAddress?: string): Promise<Browser> {
  const browser = new Browser(app, remoteAddress)
  const response = await signIn(browser, user)
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`)
  return browser
}

/** The hidden fields of the (first) form on the page posting to `action`, with `extra` fields added. */
export function formFields (page: LightMyRequestResponse, action: string, extra: Record<string, string> = {}): Record<string, string> {
  const start = page.body.indexOf(`<form method="post" action="${action}">`)
  if (start === -1) throw new Error(`no form posting to ${action}`)
  return { ...hiddenFields(page.body.slice(start, page.body.indexOf('</form>', start))), ...extra }
}

/** Opens the page and submits its form posting to `action`. */
export async function submit (browser: Browser, page: string, action: string, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return browser.post(action, formFields(await browser.get(page), action, extra))
}

interface KeptMail { readonly sent: readonly Mail[] }
interface MaybeBackground { background?: { settled (withinMs?: number): Promise<boolean> }, devOutbox?: KeptMail }

/** The mail sent to `address` so far, once mail still on its way (sent in the background) has gone. */
export async function mailTo (app: FastifyInstance, address: string): Promise<Mail[]> {
  const { background, devOutbox } = app as unknown as MaybeBackground
  await background?.settled(5000)
  const kept = devOutbox ?? app.mailer as unknown as KeptMail
  return kept.sent.filter((mail) => mail.to === address)
}

/** Whether the browser is signed in: the account page shows rather than sending it to sign in. */
export const isSignedIn = async (browser: Browser): Promise<boolean> => (await browser.get('/account')).statusCode === 200

/** Makes the user's sign-ins `seconds` older, as if they had been made that long before. */
export async function ageSignIns (app: FastifyInstance, userId: string, seconds: number): Promise<void> {
  for (const { sessionHash, record } of await app.stores.sessions.listForUser(userId)) {
    await app.stores.sessions.create(sessionHash, { ...record, authTime: record.authTime - seconds }, app.config.sessionTtl)
  }
}
