// The behaviour every AccountTokenStore promises, run against each implementation.
import type { Test } from 'tap'
import type { AccountTokenStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export async function accountTokenStoreContract (t: Test, make: MakeStore<AccountTokenStore>): Promise<void> {
  t.test('a token is found until taken, and taken once', async (t) => {
    const tokens = await make(t)
    const hash = fresh()
    await tokens.save('verify-email', hash, { userId: 'u1', email: 'ada@example.com' }, 60)
    t.same(await tokens.find('verify-email', hash), { userId: 'u1', email: 'ada@example.com' })
    t.same(await tokens.find('verify-email', hash), { userId: 'u1', email: 'ada@example.com' }, 'finding leaves it')
    t.same(await tokens.take('verify-email', hash), { userId: 'u1', email: 'ada@example.com' })
    t.equal(await tokens.take('verify-email', hash), undefined, 'a second take gets nothing')
    t.equal(await tokens.find('verify-email', hash), undefined)
  })

  t.test('a token is bound to its purpose', async (t) => {
    const tokens = await make(t)
    const hash = fresh()
    await tokens.save('verify-email', hash, { userId: 'u1', email: 'ada@example.com' }, 60)
    t.equal(await tokens.take('reset-password', hash), undefined)
    t.ok(await tokens.find('verify-email', hash), 'and left for its own')
  })

  t.test('of many concurrent takes exactly one gets the record', async (t) => {
    const tokens = await make(t)
    const hash = fresh()
    await tokens.save('reset-password', hash, { userId: 'u1', passwordStamp: 's' }, 60)
    const taken = await Promise.all(Array.from({ length: 10 }, () => tokens.take('reset-password', hash)))
    t.equal(taken.filter(Boolean).length, 1)
  })

  t.test('a token expires with its TTL', async (t) => {
    const tokens = await make(t)
    const hash = fresh()
    await tokens.save('reset-password', hash, { userId: 'u1', passwordStamp: 's' }, SHORT_TTL)
    await outliveShortTtl()
    t.equal(await tokens.find('reset-password', hash), undefined)
    t.equal(await tokens.take('reset-password', hash), undefined)
  })
}
