// `pnpm dev`'s start(): three services in one process on an empty data directory, provisioned and usable at
// once: a client-credentials token reaches the ship API, and the demo user signs in to the demo client and out again.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import { freePort } from '@keyhold/service-kit/testing'
import { start, type DevOptions, type Running } from '../src/start.js'


/** A browser: one cookie jar for 127.0.0.1 (cookies ignore ports), redirects followed by hand. */
class Browser {
  readonly #cookies = new Map<string, string>()

  async open (url: string, form?: Record<string, string>): Promise<{ url: string, via: URL[], status: number, body: string }> {
    const via: URL[] = []
    let response = await this.#request(url, form)
    while (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url).toString()
      via.push(new URL(url))
      response = await this.#request(url)
    }
    return { url, via, status: response.status, body: await response.text() }
  }

  async #request (url: string, form?: Record<string, string>): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...(cookie && { cookie }), ...(form && { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(form && { body: new URLSearchParams(form).toString() })
    })
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)]
      if (value === '' || /max-age=0/i.test(set)) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
    return response
  }
}

const hiddenFields = (page: string): Record<string, string> =>
  Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name!, value!.replaceAll('&amp;', '&')]))

async function shipsWithClientCredentials (running: Running): Promise<{ status: number, body: { ships?: unknown[] } }> {
  const { machine } = running.clients
  const tokenResponse = await fetch(`${running.urls.auth}/token`, {
    method: 'POST',
    headers: {
      authorization: basicAuthorization(machine.id, machine.secret),
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: 'grant_type=client_credentials&scope=ships%3Aread'
  })
  const { access_token: token } = await tokenResponse.json() as { access_token: string }
  const response = await fetch(`${running.urls.resource}/api/ships`, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, body: await response.json() as { ships?: unknown[] } }
}

t.test('one command: identity, resource and demo services from an empty data directory', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyhold-dev-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const options: DevOptions = {
    dataDir,
    ports: { auth: await freePort(), resource: await freePort(), demo: await freePort(), logbook: await freePort() },
    env: { LOG_LEVEL: 'silent' }
  }
  const running = await start(options)
  t.teardown(() => running.close())

  t.test('a client-credentials token from the machine client reads the ship API', async (t) => {
    const { status, body } = await shipsWithClientCredentials(running)
    t.equal(status, 200)
    t.ok(Array.isArray(body.ships) && body.ships.length > 0, 'the catalogue is seeded')
  })

  t.test('the demo user signs in to the demo client through the login and consent pages', async (t) => {
    const browser = new Browser()
    const login = await browser.open(`${running.urls.demo}/sign-in`)
    t.equal(new URL(login.url).origin, running.urls.auth, 'sent to the identity service')
    t.match(login.body, /action="\/login"/)

    const { username, password } = running.user
    const consent = await browser.open(new URL('/login', running.urls.auth).toString(), { ...hiddenFields(login.body), username, password })
    t.match(consent.body, /action="\/consent"/, 'the printed password is accepted')

    const home = await browser.open(new URL('/consent', running.urls.auth).toString(), { ...hiddenFields(consent.body), decision: 'allow' })
    t.equal(home.url, `${running.urls.demo}/`)
    t.match(home.body, 'Signed in as demo')

    const signedOut = await browser.open(`${running.urls.demo}/sign-out`, { _csrf: hiddenFields(home.body)._csrf! })
    const logout = signedOut.via.find((url) => `${url.origin}${url.pathname}` === `${running.urls.auth}/logout`)
    t.ok(logout, 'signing out continues at the identity service')
    t.equal(logout?.searchParams.get('post_logout_redirect_uri'), `${running.urls.demo}/`, 'back to the start page it registered')
    const back = new URL(signedOut.url)
    t.equal(`${back.origin}${back.pathname}`, `${running.urls.demo}/`, 'the identity service ends its session without asking and sends the browser back')
    t.notMatch(signedOut.body, 'Signed in as demo')

    const again = await browser.open(`${running.urls.demo}/sign-in`)
    t.match(again.body, /action="\/login"/, 'signing in again asks for the password')
  })

  t.test('the ship API reads a ship\'s log from the logbook API on the caller\'s behalf', async (t) => {
    const { machine } = running.clients
    const tokenResponse = await fetch(`${running.urls.auth}/token`, {
      method: 'POST',
      headers: { authorization: basicAuthorization(machine.id, machine.secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=ships%3Aread'
    })
    const { access_token: token } = await tokenResponse.json() as { access_token: string }
    const log = await fetch(`${running.urls.resource}/api/ships/1/log`, { headers: { authorization: `Bearer ${token}` } })
    t.equal(log.status, 200)
    const page = await log.json() as { entries: unknown[], read_by: { subject: string, act?: { client_id?: string } } }
    t.ok(page.entries.length > 0, 'the seeded entries')
    t.same([page.read_by.subject, page.read_by.act?.client_id], [machine.id, running.clients.resource.id], 'read for the caller, by the resource service')

    const direct = await fetch(`${running.urls.logbook}/api/entries?ship=NCC-1701-D`, { headers: { authorization: `Bearer ${token}` } })
    t.equal(direct.status, 401, 'the caller\'s own token is not for the logbook')
  })

  t.test('a second launcher on the same directory is refused while the first runs', async (t) => {
    await t.rejects(start(options), /in use by process \d+/)
  })

  t.test('a restart on the same directory keeps the clients, their secrets and the password', async (t) => {
    await running.close()
    const again = await start(options)
    t.teardown(() => again.close())
    t.same(again.clients, running.clients)
    t.same(again.user, running.user)
    t.equal((await shipsWithClientCredentials(again)).status, 200)
  })
})
