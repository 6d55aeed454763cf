// The behaviour every PendingAuthorizationStore promises, run against each implementation.
import type { Test } from 'tap'
import type { PendingAuthorizationRecord, PendingAuthorizationStore } from '../../../src/storage/types.js'
import { outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (): PendingAuthorizationRecord => ({
  browser: 'browser-hash',
  request: {
    clientId: 'web',
    redirectUri: 'https://app.example/callback',
    redirectUriGiven: true,
    state: 'a b&c=d é',
    mode: 'query',
    responseType: 'code',
    scopes: ['profile'],
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
  }
})

export async function pendingAuthorizationStoreContract (t: Test, make: MakeStore<PendingAuthorizationStore>): Promise<void> {
  t.test('a pending request is found as saved until taken, and taken once', async (t) => {
    const pending = await make(t)
    const saved = record()
    await pending.save('req', saved, 60)
    t.same(await pending.find('req'), saved)
    t.same(await pending.find('req'), saved, 'finding does not use it up')
    t.same(await pending.take('req'), saved)
    t.equal(await pending.find('req'), undefined)
    t.equal(await pending.take('req'), undefined)
    t.equal(await pending.take('never-saved'), undefined)
  })

  t.test('of many concurrent takes exactly one gets the request', async (t) => {
    const pending = await make(t)
    await pending.save('req', record(), 60)
    const taken = await Promise.all(Array.from({ length: 10 }, () => pending.take('req')))
    t.equal(taken.filter((found) => found !== undefined).length, 1)
  })

  t.test('a pending request expires with its TTL', async (t) => {
    const pending = await make(t)
    await pending.save('short', record(), SHORT_TTL)
    await outliveShortTtl()
    t.equal(await pending.find('short'), undefined)
    t.equal(await pending.take('short'), undefined)
  })
}
