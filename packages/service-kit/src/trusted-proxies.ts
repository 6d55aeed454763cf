// Which peers may tell a service its client's address (X-Forwarded-For): none unless configured. Behind a load
// balancer, name its addresses or subnets; a hop count trusts whatever connects directly, so it suits only a service
// that nothing but the proxy can reach. A forwarded header from any other peer is ignored.
import { isIP } from 'node:net'
import Type from 'typebox'
import { invalidConfiguration, setting } from './config.js'

export const trustProxySetting = setting('TRUST_PROXY', Type.Optional(Type.String({ maxLength: 2000 })))

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])
const MAX_HOPS = 10

function isAddressOrSubnet (entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true
  const [address = '', bits, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
}

/** Fastify's `trustProxy` for TRUST_PROXY: false when unset, the trusted addresses and subnets, or the nearest hops. */
export function trustedProxies (value: string | undefined): false | string[] | ((address: string, hop: number) => boolean) {
  if (value === undefined) return false
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    if (hops < 1 || hops > MAX_HOPS) throw invalidConfiguration(`TRUST_PROXY as a hop count must be 1 to ${MAX_HOPS}`)
    return (_address, hop) => hop < hops
  }
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  const invalid = entries.filter((entry) => !isAddressOrSubnet(entry))
  if (entries.length === 0 || invalid.length > 0) {
    throw invalidConfiguration(
      `TRUST_PROXY must be a hop count or a comma-separated list of addresses, CIDR subnets, loopback, linklocal or uniquelocal (not ${invalid.join(', ') || 'empty'})`
    )
  }
  return entries
}
