import t from 'tap'
import { SCOPE_CLAIMS, SUPPORTED_CLAIMS, userClaims } from '../../src/oidc/claims.js'
import type { User } from '../../src/storage/types.js'

const updatedAt = new Date('2026-12-05T09:00:00.900Z')
const bare: User = { id: 'u1', username: 'ada', emailVerified: false, createdAt: new Date(0), updatedAt }
const full: User = { ...bare, email: 'Ada@Example.com', emailVerified: true, name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' }

t.test('profile releases the name claims, preferred_username and updated_at in seconds', async (t) => {
  t.same(userClaims(full, ['profile']), {
    name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', preferred_username: 'ada', updated_at: 1796461200
  })
})

t.test('email releases the address and whether it is verified', async (t) => {
  t.same(userClaims(full, ['email']), { email: 'Ada@Example.com', email_verified: true })
  t.same(userClaims({ ...full, emailVerified: false }, ['email']), { email: 'Ada@Example.com', email_verified: false })
})

t.test('only claims with a value: no email_verified without an address', async (t) => {
  t.same(userClaims(bare, ['profile', 'email']), { preferred_username: 'ada', updated_at: 1796461200 })
})

t.test('openid, offline_access, other APIs’ scopes and unknown ones release nothing; sub is not added here', async (t) => {
  t.same(userClaims(full, ['openid', 'offline_access', 'account', 'ships:read', 'constructor', '__proto__']), {})
  t.same(userClaims(full, []), {})
  t.same(Object.keys(userClaims(full, ['openid', 'profile', 'email'])).sort(),
    ['email', 'email_verified', 'family_name', 'given_name', 'name', 'preferred_username', 'updated_at'])
})

t.test('SUPPORTED_CLAIMS names the ID token claims and every claim a scope releases, each once', async (t) => {
  for (const claim of ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'amr', 'sid', 'at_hash']) t.ok(SUPPORTED_CLAIMS.includes(claim), claim)
  for (const claims of SCOPE_CLAIMS.values()) for (const claim of claims) t.ok(SUPPORTED_CLAIMS.includes(claim), claim)
  t.equal(new Set(SUPPORTED_CLAIMS).size, SUPPORTED_CLAIMS.length)
  t.same([...SCOPE_CLAIMS.keys()], ['profile', 'email'])
})
