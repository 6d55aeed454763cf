// Reads a service's environment through its TypeBox schema: defaults, conversion, and errors naming each variable.
import type { Static, TObject } from 'typebox'
import { Value } from 'typebox/value'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The schema's variables from `env` (an empty one counts as unset), defaulted and converted, or a ConfigError listing every problem. */
export function readEnv<S extends TObject> (schema: S, env: Record<string, string | undefined>): Static<S> {
  const known = Object.fromEntries(
    Object.keys(schema.properties)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]])
  )
  const value = Value.Convert(schema, Value.Default(schema, known))
  if (!Value.Check(schema, value)) {
    const problems = Value.Errors(schema, value).map(describe)
    throw new ConfigError(`invalid configuration:\n  ${[...new Set(problems)].join('\n  ')}`)
  }
  return value
}

function describe (error: { instancePath: string, message: string, params: unknown }): string {
  const missing = (error.params as { requiredProperties?: string[] }).requiredProperties
  if (missing) return missing.map((name) => `${name} is required`).join('\n  ')
  const name = error.instancePath.replace(/^\//, '')
  return `${name} ${error.message}`
}
