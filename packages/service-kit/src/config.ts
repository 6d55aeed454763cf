// A service's configuration, written once: a tree of settings, each naming its environment variable and its
// TypeBox schema. The tree gives the configuration's type and defaults; readSettings reads the environment into it.
import Type, { type Static, type TOptional, type TSchema } from 'typebox'
import { Value } from 'typebox/value'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The error for settings that are each valid but do not fit together. */
export const invalidConfiguration = (...problems: string[]): ConfigError =>
  new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`)

/** One value of the configuration: the environment variable it is read from, and what that variable may hold. */
export class Setting<S extends TSchema = TSchema> {
  constructor (readonly variable: string, readonly schema: S) {}
}

export const setting = <S extends TSchema>(variable: string, schema: S): Setting<S> => new Setting(variable, schema)

export interface Settings {
  readonly [key: string]: Setting | Settings
}

// An optional setting may be unset: its value is then undefined.
type ValueOf<S extends TSchema> = S extends TOptional<infer Inner> ? Static<Inner> | undefined : Static<S>

/** The configuration a tree of settings is read into. */
export type ConfigOf<T extends Settings> = {
  -readonly [K in keyof T]: T[K] extends Setting<infer S> ? ValueOf<S> : T[K] extends Settings ? ConfigOf<T[K]> : never
}

const variables = (settings: Settings): Array<[string, TSchema]> => Object.values(settings).flatMap((entry) =>
  entry instanceof Setting ? [[entry.variable, entry.schema] as [string, TSchema]] : variables(entry))

const shaped = (settings: Settings, values: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(
  Object.entries(settings).map(([key, entry]) => [key, entry instanceof Setting ? values[entry.variable] : shaped(entry, values)]))

/** The settings from `env` (an empty variable counts as unset), defaulted and converted, or a ConfigError naming every variable at fault. */
export function readSettings<T extends Settings> (settings: T, env: Record<string, string | undefined>): ConfigOf<T> {
  const schema = Type.Object(Object.fromEntries(variables(settings)))
  const given = Object.fromEntries(Object.keys(schema.properties)
    .filter((name) => env[name] !== undefined && env[name] !== '')
    .map((name) => [name, env[name]]))
  const values = Value.Convert(schema, Value.Default(schema, given))
  if (!Value.Check(schema, values)) throw invalidConfiguration(...new Set(Value.Errors(schema, values).map(describe)))
  return shaped(settings, values as Record<string, unknown>) as ConfigOf<T>
}

function describe (error: { instancePath: string, message: string, params: unknown }): string {
  const missing = (error.params as { requiredProperties?: string[] }).requiredProperties
  if (missing) return missing.map((name) => `${name} is required`).join('\n  ')
  return `${error.instancePath.replace(/^\//, '')} ${error.message}`
}
