// The ship catalogue, with the ships it opens with.
import { sql, type Kysely } from 'kysely'

const seed = [
  { name: 'USS Enterprise', registry: 'NCC-1701-D', class: 'Galaxy', affiliation: 'Federation', category: 'explorer', crew: 1014 },
  { name: 'USS Voyager', registry: 'NCC-74656', class: 'Intrepid', affiliation: 'Federation', category: 'science', crew: 141 },
  { name: 'USS Defiant', registry: 'NX-74205', class: 'Defiant', affiliation: 'Federation', category: 'escort', crew: 50 },
  { name: 'USS Reliant', registry: 'NCC-1864', class: 'Miranda', affiliation: 'Federation', category: 'cruiser', crew: 220 },
  { name: 'IKS Rotarran', registry: null, class: "B'rel", affiliation: 'Klingon Empire', category: 'bird-of-prey', crew: 36 },
  { name: "IKS Negh'Var", registry: null, class: "Negh'Var", affiliation: 'Klingon Empire', category: 'warship', crew: 2500 },
  { name: 'IRW Khazara', registry: null, class: "D'deridex", affiliation: 'Romulan Star Empire', category: 'warbird', crew: 1500 },
  { name: 'Rocinante', registry: 'ECF 270', class: 'Corvette', affiliation: 'Martian Congressional Republic', category: 'frigate', crew: 6 }
]

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('ships')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('registry', 'text')
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('affiliation', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('crew', 'integer', (c) => c.notNull().check(sql`crew >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('ships_affiliation').on('ships').columns(['affiliation', 'id']).execute()
  await db.schema.createIndex('ships_category').on('ships').columns(['category', 'id']).execute()
  await db.insertInto('ships').values(seed).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ships').execute()
}
