// The three services, loaded by names TypeScript does not follow: each one declares its own `config`, `db` …
// on Fastify's types, and those declarations would clash in one program. Typed as far as the launcher uses them.
import type { FastifyInstance } from 'fastify'

export type Env = Record<string, string | undefined>

export interface RevocationChannel {
  announce (jti: string): void
  subscribe (listener: (jti: string) => void): () => void
}

interface Service<Dependencies> {
  loadConfig (env: Env): unknown
  buildApp (config: unknown, deps?: Dependencies): Promise<FastifyInstance>
}

export interface IdentityService extends Service<{ revocations: RevocationChannel }> {
  revocationChannel (): RevocationChannel
  ensureUser (app: FastifyInstance, username: string, password: string): Promise<void>
}
export type ResourceService = Service<{ revocations: RevocationChannel }>
export type DemoService = Service<never>

const names: string[] = ['@keyhold/auth', '@keyhold/resource', '@keyhold/demo']

export async function loadServices (): Promise<{ identity: IdentityService, resource: ResourceService, demo: DemoService }> {
  const [identity, resource, demo] = await Promise.all(names.map((name) => import(name)))
  return { identity, resource, demo }
}
