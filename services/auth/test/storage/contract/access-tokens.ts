// The behaviour every AccessTokenStore promises, run against each implementation.
import type { Test } from 'tap'
import { readRevocationNotice, type AccessTokenClaims } from '@keyhold/contracts'
import type { AccessTokenStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export interface AccessTokenSubject {
  store: AccessTokenStore
  /** Resolves with the next notice the store announces (a revoked token's jti, an ended client), in order. */
  nextRevocation (): Promise<string>
}

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
    const saved = claims({ username: 'alice' })
    await store.save('hash-1', saved, 60)
    t.same(await store.find('hash-1'), saved)
    t.equal(await store.find('hash-2'), undefined)
  })

  t.test('a found record is a copy: changing it or the saved object changes nothing stored', async (t) => {
    const { store } = await make(t)
    const saved = claims()
    await store.save('hash', saved, 60)
    const expected = { ...saved }
    saved.scope = 'everything'
    const found = await store.find('hash')
    found!.sub = 'someone else'
    t.same(await store.find('hash'), expected)
  })

  t.test('a token is gone once its TTL has passed', async (t) => {
    const { store } = await make(t)
    await store.save('short', claims(), SHORT_TTL)
    await store.save('long', claims(), 60)
    await outliveShortTtl()
    t.equal(await store.find('short'), undefined)
    t.not(await store.find('long'), undefined)
  })

  t.test('revoking deletes the record and announces its jti', async (t) => {
    const { store, nextRevocation } = await make(t)
    const saved = claims()
    await store.save('hash', saved, 60)
    const announced = nextRevocation()
    t.equal(await store.revoke('hash'), true)
    t.equal(await store.find('hash'), undefined)
    t.equal(await announced, saved.jti)
  })

  t.test('revoking an unknown or already revoked token answers false and announces nothing', async (t) => {
    const { store, nextRevocation } = await make(t)
    const first = claims()
    const second = claims()
    await store.save('first', first, 60)
    await store.save('second', second, 60)
    const announcements = [nextRevocation(), nextRevocation()]
    t.equal(await store.revoke('first'), true)
    t.equal(await store.revoke('first'), false)
    t.equal(await store.revoke('never-saved'), false)
    t.equal(await store.revoke('second'), true)
    // Had the failed revocations announced anything, the second announcement would not be `second`'s.
    t.same(await Promise.all(announcements), [first.jti, second.jti])
  })

  t.test("a deleted client's end is announced in a form no jti can take, and its tokens' records are left to the client check", async (t) => {
    const { store, nextRevocation } = await make(t)
    const saved = claims()
    await store.save('hash', saved, 60)
    const announced = nextRevocation()
    await store.announceClientEnded(saved.client_id)
    t.same(readRevocationNotice(await announced), { clientId: saved.client_id })
    t.same(readRevocationNotice(saved.jti), { jti: saved.jti })
    t.same(await store.find('hash'), saved)
  })

  t.test('of many concurrent revocations of one token exactly one succeeds', async (t) => {
    const { store } = await make(t)
    await store.save('hash', claims(), 60)
    const results = await Promise.all(Array.from({ length: 10 }, () => store.revoke('hash')))
    t.equal(results.filter(Boolean).length, 1)
  })

  t.test('saving again replaces the record and its TTL', async (t) => {
    const { store } = await make(t)
    const replacement = claims()
    await store.save('hash', claims(), SHORT_TTL)
    await store.save('hash', replacement, 60)
    await outliveShortTtl()
    t.same(await store.find('hash'), replacement)
  })
}
