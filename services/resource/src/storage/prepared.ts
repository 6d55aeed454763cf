// The reads behind every API request, run as named prepared statements: pg parses and describes such a
// statement once per connection and from then on only binds and executes it, which halves the client's
// CPU per query. Only statements marked here are named: each lists its columns, so a cached plan cannot
// change its result's shape under a later migration (Postgres refuses that for `select *`).
import type { CompiledQuery } from 'kysely'
import pg from 'pg'

const names = new Map<string, string>()

/** Marks a compiled read to be prepared on every connection that runs it. */
export function prepared<R> (query: CompiledQuery<R>): CompiledQuery<R> {
  if (!names.has(query.sql)) names.set(query.sql, `keyhold_resource_${names.size + 1}`)
  return query
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown

/** A pg client that runs marked statements by name; the pool builds its connections from it. */
export class PreparingClient extends pg.Client {
  constructor (config?: pg.ClientConfig) {
    super(config)
    const query = this.query.bind(this) as Query
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof config === 'string' ? names.get(config) : undefined
      return name === undefined ? query(config, values, callback) : query({ name, text: config, values }, undefined, callback)
    }) as typeof this.query
  }
}
