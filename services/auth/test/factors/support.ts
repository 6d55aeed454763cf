// What the second-factor tests share: TOTP codes computed from a secret, and a user enrolled through the page.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { Secret, TOTP } from 'otpauth'
import type { Browser } from '../browser.js'
import { formFields } from '../account/support.js'

export const PAGE = '/account/two-factor'

/** The code an authenticator app shows for `base32` at `ms` (now by default), `steps` steps away. */
export function codeFor (base32: string, { ms = Date.now(), steps = 0 } = {}): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(base32) })
  return totp.generate({ timestamp: ms + steps * 30_000 })
}

/** The secret the enrolment page shows as text. */
export const secretOn = (body: string): string => /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(body)![1]!.replace(/ /g, '')

export const recoveryCodesOn = (body: string): string[] =>
  [...body.matchAll(/<li><code>([0-9a-z]{5}-[0-9a-z]{5})<\/code><\/li>/g)].map((match) => match[1]!)

/** Starts and confirms TOTP on the page for the signed-in browser: the secret and the recovery codes shown. */
export async function enrol (browser: Browser, { steps = 0 } = {}): Promise<{ secret: string, codes: string[] }> {
  const started = await browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, { action: 'start' }))
  if (started.statusCode !== 303) throw new Error(`enrolment did not start: ${started.statusCode}`)
  const page = await browser.get(PAGE)
  const secret = secretOn(page.body)
  const confirmed = await browser.post(PAGE, formFields(page, PAGE, { action: 'confirm', code: codeFor(secret, { steps }) }))
  if (confirmed.statusCode !== 200) throw new Error(`enrolment not confirmed: ${confirmed.statusCode} ${confirmed.body}`)
  return { secret, codes: recoveryCodesOn(confirmed.body) }
}

export const rowsOf = async (app: FastifyInstance, table: 'totp_factors' | 'recovery_codes', userId: string) =>
  app.db.selectFrom(table).selectAll().where('user_id', '=', userId).execute()

/** Signs in with the password; for an account with a second factor this stops at /login/second-factor. */
export async function passwordStep (browser: Browser, user: { username: string, password: string }, requestId?: string): Promise<LightMyRequestResponse> {
  const page = await browser.get(requestId === undefined ? '/login' : `/login?${new URLSearchParams({ request_id: requestId })}`)
  return browser.post('/login', { ...formFields(page, '/login'), username: user.username, password: user.password })
}

/** Answers the second step with a code of `kind`. */
export async function secondStep (browser: Browser, kind: string, code: string): Promise<LightMyRequestResponse> {
  const page = await browser.get('/login/second-factor')
  const start = page.body.indexOf(`<input type="hidden" name="kind" value="${kind}">`)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  if (start === -1 && page.statusCode === 200) throw new Error(`no ${kind} form`)
  return browser.post('/login/second-factor', { _csrf: csrf, kind, code })
}

/** A user with TOTP (enrolled a step ago, so the current step is free) and recovery codes, signed out. */
export async function enrolledUser (app: FastifyInstance) {
  const { holder, signedIn } = await import('../account/support.js')
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const { secret, codes } = await enrol(browser, { steps: -1 })
  return { user, secret, codes }
}
