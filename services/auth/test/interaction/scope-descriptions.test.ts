import t from 'tap'
import { describeScope } from '../../src/interaction/scope-descriptions.js'
import { SCOPE_CLAIMS } from '../../src/oidc/claims.js'

t.test('the consent page names every claim a scope releases', async (t) => {
  for (const [scope, claims] of SCOPE_CLAIMS) {
    const description = describeScope(scope)
    for (const claim of claims) t.match(description, new RegExp(`\\b${claim}\\b`), `${scope}: ${claim}`)
  }
  t.equal(describeScope('profile'), 'Your name and username, and when you last changed them: name, given_name, family_name, preferred_username, updated_at')
  t.equal(describeScope('email'), 'Your email address and whether it is verified: email, email_verified')
})

t.test('openid and offline_access are described in plain words; other APIs’ scopes are not', async (t) => {
  t.match(describeScope('openid'), /who you are/)
  t.equal(describeScope('offline_access'), 'Stay signed in to the application after you sign out here')
  t.equal(describeScope('ships:read'), undefined)
})
