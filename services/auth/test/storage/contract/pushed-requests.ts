// The behaviour every PushedRequestStore promises, run against each implementation.
import type { Test } from 'tap'
import type { PushedRequestRecord, PushedRequestStore } from '../../../src/storage/types.js'
import { outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (): PushedRequestRecord => ({
  clientId: 'web',
  parameters: { response_type: 'code', client_id: 'web', state: 'xyz', scope: 'profile' }
})

export async function pushedRequestStoreContract (t: Test, make: MakeStore<PushedRequestStore>): Promise<void> {
  t.test('a pushed request is found until consumed, and consumed once', async (t) => {
    const requests = await make(t)
    const pushed = record()
    await requests.save('par', pushed, 60)
    t.same(await requests.find('par'), pushed)
    t.equal(await requests.consume('par'), true)
    t.equal(await requests.find('par'), undefined)
    t.equal(await requests.consume('par'), false)
    t.equal(await requests.consume('never-pushed'), false)
  })

  t.test('of many concurrent consumptions exactly one succeeds', async (t) => {
    const requests = await make(t)
    await requests.save('par', record(), 60)
    const results = await Promise.all(Array.from({ length: 10 }, () => requests.consume('par')))
    t.equal(results.filter(Boolean).length, 1)
  })

  t.test('a pushed request expires with its TTL', async (t) => {
    const requests = await make(t)
    await requests.save('short', record(), SHORT_TTL)
    await outliveShortTtl()
    t.equal(await requests.find('short'), undefined)
    t.equal(await requests.consume('short'), false)
  })
}
