// The behaviour every RefreshTokenStore promises (tokens, rotation and grants), run against each implementation.
import type { Test } from 'tap'
import type { RefreshTokenRecord, RefreshTokenStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (grantId: string, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  grantId,
  clientId: 'web',
  userId: 'user-1',
  username: 'alice',
  scopes: ['profile'],
  issuedAt: 1_800_000_000,
  expiresAt: 1_802_592_000,
  ...overrides
})
const sorted = (values: string[]) => [...values].sort()

export async function refreshTokenStoreContract (t: Test, make: MakeStore<RefreshTokenStore>): Promise<void> {
  t.test('an issued token is found by its hash, not yet rotated', async (t) => {
    const tokens = await make(t)
    const issued = record(fresh(), { scopes: ['profile', 'calls'] })
    t.equal(await tokens.issue('rt', issued, 60), true)
    t.same(await tokens.find('rt'), { ...issued, rotated: false })
    t.equal(await tokens.find('unknown'), undefined)
  })

  t.test('rotation stores the successor and marks the token rotated; using it again is a replay', async (t) => {
    const tokens = await make(t)
    const grant = fresh()
    await tokens.issue('first', record(grant), 60)
    const successor = record(grant, { scopes: [] })
    t.equal(await tokens.rotate('first', 'second', successor, 60), 'rotated')
    t.same(await tokens.find('first'), { ...record(grant), rotated: true })
    t.same(await tokens.find('second'), { ...successor, rotated: false })
    t.equal(await tokens.rotate('first', 'third', record(grant), 60), 'replayed')
    t.equal(await tokens.find('third'), undefined, 'a replay stores no successor')
    t.equal(await tokens.rotate('second', 'third', record(grant), 60), 'rotated', 'the successor rotates in turn')
  })

  t.test('of many concurrent rotations of one token exactly one succeeds', async (t) => {
    const tokens = await make(t)
    const grant = fresh()
    await tokens.issue('rt', record(grant), 60)
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => tokens.rotate('rt', `next-${i}`, record(grant), 60)))
    t.equal(results.filter((result) => result === 'rotated').length, 1)
    t.equal(results.filter((result) => result === 'replayed').length, 9)
  })

  t.test('rotating a token never issued is unknown', async (t) => {
    const tokens = await make(t)
    t.equal(await tokens.rotate('never-issued', 'next', record(fresh()), 60), 'unknown')
    t.equal(await tokens.find('next'), undefined)
  })

  t.test('revoking a grant ends its refresh tokens, returns its access tokens, and closes it for good', async (t) => {
    const tokens = await make(t)
    const [grant, other] = [fresh(), fresh()]
    await tokens.issue('first', record(grant), 60)
    await tokens.rotate('first', 'second', record(grant), 60)
    t.equal(await tokens.addAccessToken(grant, 'at-1', 60), true)
    t.equal(await tokens.addAccessToken(grant, 'at-2', 60), true)
    await tokens.issue('other-rt', record(other), 60)
    await tokens.addAccessToken(other, 'other-at', 60)

    t.same(sorted(await tokens.revokeGrant(grant, 60)), ['at-1', 'at-2'])
    t.equal(await tokens.find('first'), undefined)
    t.equal(await tokens.find('second'), undefined)
    t.equal(await tokens.rotate('second', 'third', record(grant), 60), 'unknown')
    t.equal(await tokens.issue('late', record(grant), 60), false, 'no token joins a revoked grant')
    t.equal(await tokens.find('late'), undefined)
    t.equal(await tokens.addAccessToken(grant, 'at-3', 60), false)
    t.same(await tokens.revokeGrant(grant, 60), [], 'a second revocation has nothing left to return')

    t.same(await tokens.find('other-rt'), { ...record(other), rotated: false }, 'other grants are untouched')
    t.same(await tokens.revokeGrant(other, 60), ['other-at'])
  })

  t.test('a rotation whose successor names a revoked grant is refused', async (t) => {
    const tokens = await make(t)
    await tokens.issue('rt', record(fresh()), 60)
    const revoked = fresh()
    await tokens.revokeGrant(revoked, 60)
    t.equal(await tokens.rotate('rt', 'next', record(revoked), 60), 'unknown')
    t.equal(await tokens.find('next'), undefined)
  })

  t.test('TTLs: tokens expire; a grant lives as long as its longest member; its revocation lasts its TTL', async (t) => {
    const tokens = await make(t)
    const [grant, revoked] = [fresh(), fresh()]
    await tokens.addAccessToken(grant, 'long-at', 60)
    await tokens.issue('short-rt', record(grant), SHORT_TTL)
    await tokens.revokeGrant(revoked, SHORT_TTL)
    t.equal(await tokens.issue('refused', record(revoked), 60), false)
    await outliveShortTtl()
    t.equal(await tokens.find('short-rt'), undefined)
    t.same(await tokens.revokeGrant(grant, 60), ['long-at'], 'a shorter member did not shorten the grant')
    t.equal(await tokens.issue('accepted', record(revoked), 60), true, 'the revocation marker expired')
  })
}
