// The behaviour every WebAuthnChallengeStore promises, run against each implementation.
import type { Test } from 'tap'
import type { WebAuthnChallengeRecord, WebAuthnChallengeStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (): WebAuthnChallengeRecord => ({ ceremony: 'registration', browser: fresh(), userId: fresh() })

export async function webauthnChallengeStoreContract (t: Test, make: MakeStore<WebAuthnChallengeStore>): Promise<void> {
  t.test('a challenge is taken once, as saved', async (t) => {
    const challenges = await make(t)
    const [hash, saved] = [fresh(), record()]
    await challenges.save(hash, saved, 60)
    t.same(await challenges.take(hash), saved)
    t.equal(await challenges.take(hash), undefined, 'a second take finds nothing')
    t.equal(await challenges.take(fresh()), undefined, 'nor does one never saved')
    const anonymous: WebAuthnChallengeRecord = { ceremony: 'authentication', browser: fresh() }
    await challenges.save(hash, anonymous, 60)
    t.same(await challenges.take(hash), anonymous, 'a sign-in challenge names no user')
  })

  t.test('of many concurrent takes exactly one gets the challenge', async (t) => {
    const challenges = await make(t)
    const hash = fresh()
    await challenges.save(hash, record(), 60)
    const taken = await Promise.all(Array.from({ length: 10 }, () => challenges.take(hash)))
    t.equal(taken.filter((found) => found !== undefined).length, 1)
  })

  t.test('a challenge expires with its TTL', async (t) => {
    const challenges = await make(t)
    const hash = fresh()
    await challenges.save(hash, record(), SHORT_TTL)
    await outliveShortTtl()
    t.equal(await challenges.take(hash), undefined)
  })
}
