// The behaviour every AuthorizationCodeStore promises, run against each implementation.
import type { Test } from 'tap'
import type { AuthorizationCodeRecord, AuthorizationCodeStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (overrides: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord => ({
  clientId: 'web',
  redirectUri: 'https://web.example/callback',
  redirectUriGiven: true,
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  userId: fresh(),
  username: 'alice',
  scopes: ['profile', 'ships:read'],
  ...overrides
})

export async function authorizationCodeStoreContract (t: Test, make: MakeStore<AuthorizationCodeStore>): Promise<void> {
  t.test('a saved code is found by its hash with its record as saved', async (t) => {
    const codes = await make(t)
    const withChallenge = record()
    const { codeChallenge: _none, ...withoutChallenge } = record({ redirectUriGiven: false })
    await codes.save('with', withChallenge, 60)
    await codes.save('without', withoutChallenge, 60)
    t.same(await codes.find('with'), withChallenge)
    t.same(await codes.find('without'), withoutChallenge)
    t.equal(await codes.find('unknown'), undefined)
  })

  t.test('the first redemption succeeds; every later one is a replay naming the first grant', async (t) => {
    const codes = await make(t)
    const saved = record()
    await codes.save('code', saved, 60)
    t.same(await codes.redeem('code', 'grant-1'), { outcome: 'redeemed' })
    t.same(await codes.redeem('code', 'grant-2'), { outcome: 'replayed', grantId: 'grant-1' })
    t.same(await codes.redeem('code', 'grant-3'), { outcome: 'replayed', grantId: 'grant-1' })
    t.same(await codes.find('code'), saved, 'a redeemed code is still found, so a replay can be checked')
  })

  t.test('of many concurrent redemptions exactly one succeeds, and the others name its grant', async (t) => {
    const codes = await make(t)
    await codes.save('code', record(), 60)
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => codes.redeem('code', `grant-${i}`)))
    const winners = outcomes.map((outcome, i) => [outcome, `grant-${i}`] as const).filter(([outcome]) => outcome.outcome === 'redeemed')
    t.equal(winners.length, 1)
    const losers = outcomes.filter((outcome) => outcome.outcome !== 'redeemed')
    t.same(losers, Array(9).fill({ outcome: 'replayed', grantId: winners[0]![1] }))
  })

  t.test('a code never saved is unknown', async (t) => {
    const codes = await make(t)
    t.same(await codes.redeem('never-saved', 'grant'), { outcome: 'unknown' })
  })

  t.test('once its TTL has passed a code is gone, redeemed or not', async (t) => {
    const codes = await make(t)
    await codes.save('fresh', record(), SHORT_TTL)
    await codes.save('redeemed', record(), SHORT_TTL)
    await codes.redeem('redeemed', 'grant')
    await outliveShortTtl()
    t.equal(await codes.find('fresh'), undefined)
    t.same(await codes.redeem('fresh', 'grant'), { outcome: 'unknown' })
    t.same(await codes.redeem('redeemed', 'other'), { outcome: 'unknown' })
  })
}
