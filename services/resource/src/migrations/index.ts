// Every migration, by name; names sort in the order they run.
import type { Migration, MigrationProvider } from 'kysely'
import * as ships from './2026-11-24T09-00-ships.js'
import * as calls from './2026-11-24T09-10-calls.js'

const migrations: Record<string, Migration> = {
  '2026-11-24T09-00-ships': ships,
  '2026-11-24T09-10-calls': calls
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations
}
