// The demo under test, against the real identity service (through a recording back channel) and a fake resource
// service; each test gets its own demo, client registration, back channel, resource service and user.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { startBackChannel } from './back-channel.js'
import { Browser } from './browser.js'
import type { Keyhold } from './keyhold.js'
import { fakeResource } from './resource.js'

/** Where browsers reach the demo: its redirect URI is registered under it. Nothing listens there; tests inject. */
export const DEMO_URL = 'http://127.0.0.1:4002'
export const COOKIE_SECRET = 'test-cookie-secret-0123456789abcdef'

/** A demo on its own: the identity service it names is never asked, as long as nobody signs in. */
export async function buildDemo (t: Test, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig({
    DEMO_CLIENT_ID: 'demo-client',
    DEMO_CLIENT_SECRET: 'demo-secret-0123456789',
    COOKIE_SECRET,
    LOG_LEVEL: 'silent',
    ...env
  }))
  t.teardown(() => app.close())
  return app
}

export async function setup (t: Test, keyhold: Keyhold, env: Record<string, string> = {}) {
  const client = await keyhold.register(DEMO_URL)
  const backChannel = await startBackChannel(t, keyhold.issuer)
  const resource = await fakeResource(t)
  const app = await buildDemo(t, {
    AUTH_URL: keyhold.issuer,
    AUTH_INTERNAL_URL: backChannel.url,
    RESOURCE_URL: resource.url,
    DEMO_CLIENT_ID: client.client_id,
    DEMO_CLIENT_SECRET: client.client_secret!,
    ...env
  })
  const user = await keyhold.signUp({ name: 'Ada Lovelace', email: `ada.${randomBytes(4).toString('hex')}@example.com` })
  return { app, client, backChannel, resource, user, browser: new Browser(app) }
}
