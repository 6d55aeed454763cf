// Builds an identity service per test on its own Postgres schema and Redis key prefix.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { Test } from 'tap'
import type { ClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { buildApp } from '../src/app.js'
import { loadConfig, type AuthConfig } from '../src/config.js'

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'

export function schemaUrl (databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return url.toString()
}

/** A configuration naming real Postgres and Redis servers. */
export type ServerConfig = AuthConfig & { databaseUrl: string, redisUrl: string }

/** A fresh schema and key prefix, removed when the test ends. */
export async function isolatedConfig (t: Test, env: Record<string, string> = {}): Promise<ServerConfig> {
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  await admin.connect()
  await admin.query(`create schema ${name}`)
  await admin.end()
  t.teardown(async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL })
    await client.connect()
    await client.query(`drop schema if exists ${name} cascade`)
    await client.end()
    await deleteKeys(`${name}:`)
  })
  return loadConfig({
    DATABASE_URL: schemaUrl(DATABASE_URL, name),
    REDIS_URL,
    REDIS_PREFIX: `${name}:`,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    ...env
  }) as ServerConfig
}

export async function deleteKeys (prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL)
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    if (keys.length > 0) await redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
  await redis.quit()
}

export async function build (t: Test, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = await isolatedConfig(t, env)
  const app = await buildApp(config)
  t.teardown(() => app.close())
  return app
}

export const form = (params: Record<string, string>): string => new URLSearchParams(params).toString()
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`
export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` }

export async function createClient (app: FastifyInstance, metadata: Partial<ClientMetadata> = {}): Promise<ClientWithSecret> {
  const response = await app.inject({
    method: 'POST',
    url: '/admin/clients',
    headers: adminHeaders,
    payload: { client_name: 'service', grant_types: ['client_credentials'], scope: 'ships:read ships:write', ...metadata }
  })
  if (response.statusCode !== 201) throw new Error(`client creation failed: ${response.body}`)
  return response.json()
}

export function postForm (app: FastifyInstance, url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: form(params) })
}

export async function clientCredentialsToken (app: FastifyInstance, client: ClientWithSecret, scope?: string): Promise<string> {
  const response = await postForm(app, '/token', { grant_type: 'client_credentials', ...(scope && { scope }) },
    { authorization: basic(client.client_id, client.client_secret!) })
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`)
  return response.json().access_token
}

export function decodeJwt (token: string): { header: Record<string, unknown>, payload: Record<string, unknown> } {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
  return { header, payload }
}
