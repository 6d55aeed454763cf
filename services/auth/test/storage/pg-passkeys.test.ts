// The Postgres passkey store: one account per credential id, passkeys only through their owner, counters that only
// move forward, a bound on each account's number, and nothing left of an account once it is deleted.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import type { NewPasskey } from '../../src/storage/types.js'
import { signUp } from '../browser.js'
import { build } from '../helper.js'

t.test('passkeys in Postgres', async (t) => {
  const app = await build(t)
  const store = app.stores.passkeys
  const passkey = (userId: string, overrides: Partial<NewPasskey> = {}): NewPasskey => ({
    userId,
    credentialId: randomBytes(16).toString('base64url'),
    publicKey: new Uint8Array(randomBytes(77)),
    counter: 0,
    transports: ['internal', 'hybrid'],
    name: 'Laptop',
    backupEligible: true,
    backedUp: false,
    ...overrides
  })

  t.test('an added passkey is found by its credential id and listed for its owner only', async (t) => {
    const [ada, bob] = [await signUp(app), await signUp(app)]
    const fields = passkey(ada.id, { counter: 7 })
    const added = await store.add(fields, 20)
    t.match(added, { ...fields, id: String, createdAt: Date })
    if (typeof added === 'string') return
    t.notOk('lastUsedAt' in added, 'never used yet')
    t.same(await store.findByCredentialId(fields.credentialId), added)
    t.same(await store.list(ada.id), [added])
    t.same(await store.list(bob.id), [])
    t.equal(await store.findByCredentialId('unknown'), undefined)
  })

  t.test('a credential id belongs to one account', async (t) => {
    const [ada, bob] = [await signUp(app), await signUp(app)]
    const fields = passkey(ada.id)
    await store.add(fields, 20)
    t.equal(await store.add({ ...fields, userId: bob.id }, 20), 'taken')
    t.equal(await store.add(fields, 20), 'taken')
  })

  t.test('an account holds at most `max` passkeys, even when several are added at once', async (t) => {
    const ada = await signUp(app)
    const results = await Promise.all(Array.from({ length: 6 }, () => store.add(passkey(ada.id), 3)))
    t.equal(results.filter((result) => typeof result !== 'string').length, 3)
    t.equal(results.filter((result) => result === 'too_many').length, 3)
    t.equal((await store.list(ada.id)).length, 3)
  })

  t.test('only the owner renames or removes a passkey', async (t) => {
    const [ada, bob] = [await signUp(app), await signUp(app)]
    const added = await store.add(passkey(ada.id), 20)
    if (typeof added === 'string') return t.fail(added)
    t.equal(await store.rename(bob.id, added.id, 'Mine now'), undefined)
    t.equal(await store.remove(bob.id, added.id), undefined)
    t.equal(await store.rename(ada.id, 'not-a-uuid', 'x'), undefined)
    t.match(await store.rename(ada.id, added.id, 'Phone'), { id: added.id, name: 'Phone' })
    t.match(await store.remove(ada.id, added.id), { id: added.id, name: 'Phone' })
    t.equal(await store.remove(ada.id, added.id), undefined, 'removed once')
    t.equal(await store.findByCredentialId(added.credentialId), undefined)
  })

  t.test('a use moves the counter forward only, once for one counter value', async (t) => {
    const ada = await signUp(app)
    const added = await store.add(passkey(ada.id, { counter: 5 }), 20)
    if (typeof added === 'string') return t.fail(added)
    t.equal(await store.recordUse(added.id, 5, false), false, 'the same counter again')
    t.equal(await store.recordUse(added.id, 4, false), false, 'a counter gone back')
    const uses = await Promise.all([store.recordUse(added.id, 6, true), store.recordUse(added.id, 6, true)])
    t.same(uses.sort(), [false, true], 'of two uses with one counter, one counts')
    const used = await store.findByCredentialId(added.credentialId)
    t.match(used, { counter: 6, backedUp: true, lastUsedAt: Date })
    t.equal(await store.recordUse(added.id, 4_294_967_295, true), true, 'up to the largest 32-bit counter')
  })

  t.test('an authenticator that keeps no counter is used any number of times', async (t) => {
    const ada = await signUp(app)
    const added = await store.add(passkey(ada.id), 20)
    if (typeof added === 'string') return t.fail(added)
    t.equal(await store.recordUse(added.id, 0, false), true)
    t.equal(await store.recordUse(added.id, 0, false), true)
    t.equal(await store.recordUse(added.id, 1, false), true, 'until it starts counting')
    t.equal(await store.recordUse(added.id, 0, false), false, 'and then it cannot stop')
  })

  t.test('a deleted account takes its passkeys with it', async (t) => {
    const ada = await signUp(app)
    const added = await store.add(passkey(ada.id), 20)
    if (typeof added === 'string') return t.fail(added)
    t.equal(await app.stores.users.delete(ada.id), true)
    t.equal(await store.findByCredentialId(added.credentialId), undefined)
  })
})
