// A database brought up to one migration and no further, to test what the later ones do to data made before them.
import type { Test } from 'tap'
import { Kysely, Migrator, PostgresDialect } from 'kysely'
import pg from 'pg'
import { isolated } from '@keyhold/service-kit/testing'
import { migrationProvider } from '../../src/migrations/index.js'

export async function databaseAt (t: Test, migration: string): Promise<{ db: Kysely<any>, migrator: Migrator, databaseUrl: string }> {
  const { databaseUrl, name } = await isolated(t)
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }) })
  t.teardown(() => db.destroy())
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: name })
  const { error } = await migrator.migrateTo(migration)
  if (error) throw error
  return { db, migrator, databaseUrl }
}
