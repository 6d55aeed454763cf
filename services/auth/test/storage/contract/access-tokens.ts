// The behaviour every AccessTokenStore promises, run against each implementation.
import type { Test } from 'tap'
import { readRevocationNotice, type AccessTokenClaims } from '@keyhold/contracts'
import type { AccessTokenRecord, AccessTokenStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export interface AccessTokenSubject {
  store: AccessTokenStore
  /** Resolves with the next notice the store announces (a revoked token's jti, an ended client), in order. */
  nextRevocation (): Promise<string>
}

const record = (overrides: Partial<AccessTokenClaims> = {}): AccessTokenRecord => ({ claims: claims(overrides) })

const claims = (overrides: Partial<AccessTokenClaims> = {}): AccessTokenClaims => ({
  iss: 'http://127.0.0.1:4000',
  sub: 'service',
  aud: 'http://127.0.0.1:4001',
  client_id: 'service',
  scope: 'ships:read',
  jti: fresh(),
  iat: 1_800_000_000,
  exp: 1_800_003_600,
  ...overrides
})

export async function accessTokenStoreContract (t: Test, make: MakeStore<AccessTokenSubject>): Promise<void> {
  t.test('a saved token is found by its hash, with its claims as saved', async (t) => {
    const { store } = await make(t)
    const saved = record({ username: 'alice' })
    await store.save('hash-1', saved, 60)
    t.same(await store.find('hash-1'), saved)
    t.equal(await store.find('hash-2'), undefined)
  })

  t.test('a token issued in a grant is found with its grant', async (t) => {
    const { store } = await make(t)
    const saved = { ...record({ act: { sub: 'billing', client_id: 'billing', act: { sub: 'web', client_id: 'web' } } }), grantId: 'grant-1' }
    await store.save('hash', saved, 60)
    t.same(await store.find('hash'), saved)
    await store.save('own', record(), 60)
    t.notOk('grantId' in (await store.find('own'))!, 'a client\'s own token names no grant')
  })

  t.test('a found record is a copy: changing it or the saved object changes nothing stored', async (t) => {
    const { store } = await make(t)
    const saved = record()
    await store.save('hash', saved, 60)
    const expected = structuredClone(saved)
    saved.claims.scope = 'everything'
    const found = await store.find('hash')
    found!.claims.sub = 'someone else'
    t.same(await store.find('hash'), expected)
  })

  t.test('a token is gone once its TTL has passed', async (t) => {
    const { store } = await make(t)
    await store.save('short', record(), SHORT_TTL)
    await store.save('long', record(), 60)
    await outliveShortTtl()
    t.equal(await store.find('short'), undefined)
    t.not(await store.find('long'), undefined)
  })

  t.test('revoking deletes the record and announces its jti', async (t) => {
    const { store, nextRevocation } = await make(t)
    const saved = record()
    await store.save('hash', saved, 60)
    const announced = nextRevocation()
    t.equal(await store.revoke('hash'), true)
    t.equal(await store.find('hash'), undefined)
    t.equal(await announced, saved.claims.jti)
  })

  t.test('revoking an unknown or already revoked token answers false and announces nothing', async (t) => {
    const { store, nextRevocation } = await make(t)
    const first = record()
    const second = record()
    await store.save('first', first, 60)
    await store.save('second', second, 60)
    const announcements = [nextRevocation(), nextRevocation()]
    t.equal(await store.revoke('first'), true)
    t.equal(await store.revoke('first'), false)
    t.equal(await store.revoke('never-saved'), false)
    t.equal(await store.revoke('second'), true)
    // Had the failed revocations announced anything, the second announcement would not be `second`'s.
    t.same(await Promise.all(announcements), [first.claims.jti, second.claims.jti])
  })

  t.test("a deleted client's end is announced in a form no jti can take, and its tokens' records are left to the client check", async (t) => {
    const { store, nextRevocation } = await make(t)
    const saved = record()
    await store.save('hash', saved, 60)
    const announced = nextRevocation()
    await store.announceClientEnded(saved.claims.client_id)
    t.same(readRevocationNotice(await announced), { clientId: saved.claims.client_id })
    t.same(readRevocationNotice(saved.claims.jti), { jti: saved.claims.jti })
    t.same(await store.find('hash'), saved)
  })

  t.test('of many concurrent revocations of one token exactly one succeeds', async (t) => {
    const { store } = await make(t)
    await store.save('hash', record(), 60)
    const results = await Promise.all(Array.from({ length: 10 }, () => store.revoke('hash')))
    t.equal(results.filter(Boolean).length, 1)
  })

  t.test('saving again replaces the record and its TTL', async (t) => {
    const { store } = await make(t)
    const replacement = record()
    await store.save('hash', record(), SHORT_TTL)
    await store.save('hash', replacement, 60)
    await outliveShortTtl()
    t.same(await store.find('hash'), replacement)
  })
}
