// The behaviour every KnownAddressStore promises, run against each implementation.
import type { Test } from 'tap'
import type { KnownAddressStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export async function knownAddressStoreContract (t: Test, make: MakeStore<KnownAddressStore>): Promise<void> {
  t.test('an address is known for the account it signed in to, and only for it', async (t) => {
    const known = await make(t)
    const [alice, bob] = [fresh(), fresh()]
    await known.remember(alice, '203.0.113.5', 60)
    t.equal(await known.isKnown(alice, '203.0.113.5'), true)
    t.equal(await known.isKnown(alice, '203.0.113.6'), false, 'not another address')
    t.equal(await known.isKnown(bob, '203.0.113.5'), false, 'not for another account')
    await known.remember(alice, '2001:db8::1', 60)
    t.equal(await known.isKnown(alice, '2001:db8::1'), true, 'IPv6 addresses alike')
  })

  t.test('an address is forgotten when its TTL has passed, unless the account signed in from it again', async (t) => {
    const known = await make(t)
    const account = fresh()
    await known.remember(account, '198.51.100.1', SHORT_TTL)
    await known.remember(account, '198.51.100.2', SHORT_TTL)
    await known.remember(account, '198.51.100.2', 60)
    await outliveShortTtl()
    t.equal(await known.isKnown(account, '198.51.100.1'), false)
    t.equal(await known.isKnown(account, '198.51.100.2'), true)
  })
}
