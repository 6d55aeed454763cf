// The services, imported with their own types.
export * as identity from '@keyhold/auth'
export * as resource from '@keyhold/resource'
export * as demo from '@keyhold/demo'
export * as logbook from '@keyhold/logbook'

export type Env = Record<string, string | undefined>
