// Kysely's migrator asks whether its tables exist through the dialect's introspector, whose Postgres query walks every
// schema of the database: a schema another connection drops meanwhile fails it with 3F000. This one reads only the
// connection's current schema, the only one a service's migrations use.
import { sql, type DatabaseIntrospector, type Dialect, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely'

class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor (private readonly db: Kysely<any>) {}

  async getSchemas (): Promise<SchemaMetadata[]> {
    const { rows } = await sql<SchemaMetadata>`select current_schema() as name`.execute(this.db)
    return rows
  }

  async getTables (): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string, schema: string, isView: boolean }>`
      select table_name as name, table_schema as schema, table_type = 'VIEW' as "isView"
      from information_schema.tables where table_schema = current_schema()`.execute(this.db)
    return rows.map((row) => ({ ...row, columns: [] }))
  }

  async getMetadata () {
    return { tables: await this.getTables() }
  }
}

/** `dialect`, its introspection limited to the current schema. */
export const introspectingCurrentSchemaOnly = (dialect: Dialect): Dialect => ({
  createAdapter: () => dialect.createAdapter(),
  createDriver: () => dialect.createDriver(),
  createQueryCompiler: () => dialect.createQueryCompiler(),
  createIntrospector: (db) => new CurrentSchemaIntrospector(db)
})
