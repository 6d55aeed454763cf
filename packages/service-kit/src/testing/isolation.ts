// Tests on real servers, isolated: a fresh Postgres schema and a Redis key prefix of the same name, removed afterwards.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

export interface Isolation {
  /** The schema's name; the Redis prefix is this name and a colon. */
  name: string
  /** The database URL with the schema as its search path. */
  databaseUrl: string
  redisPrefix: string
  /** Drops the schema and deletes every key under the prefix. */
  remove (): Promise<void>
}

/** What isolated needs of a tap test. */
export interface Teardown { teardown (fn: () => unknown): void }

/** A new schema named `${label}_<random>` and its key prefix; the caller removes them. */
export async function isolate (label = 't', databaseUrl = TEST_DATABASE_URL, redisUrl = TEST_REDIS_URL): Promise<Isolation> {
  const name = `${label}_${randomBytes(6).toString('hex')}`
  await sqlOnce(databaseUrl, `create schema ${name}`)
  return {
    name,
    databaseUrl: schemaUrl(databaseUrl, name),
    redisPrefix: `${name}:`,
    async remove () {
      await sqlOnce(databaseUrl, `drop schema if exists ${name} cascade`)
      await deleteKeys(`${name}:`, redisUrl)
    }
  }
}

/** An isolation removed when the test ends. */
export async function isolated (t: Teardown, label?: string): Promise<Isolation> {
  const isolation = await isolate(label)
  t.teardown(() => isolation.remove())
  return isolation
}

/**
 * `databaseUrl` with `schema` as the search path of each connection. Without parallel query: a test's queries are
 * small, and under many concurrent suites a parallel worker was seen to fail with 3F000, its leader's schema unknown.
 */
export function schemaUrl (databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl)
  url.searchParams.set('options', `-c search_path=${schema} -c max_parallel_workers_per_gather=0`)
  return url.toString()
}

export async function deleteKeys (prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl)
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    if (keys.length > 0) await redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
  await redis.quit()
}

async function sqlOnce (databaseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try { await client.query(statement) } finally { await client.end() }
}
