// A user's grants are indexed with their client and start; members written before that (a grant id alone) still read.
import t from 'tap'
import { grantIdOf, grantMember, indexedGrant, ofClient } from '../../src/storage/user-grant-members.js'

t.test('a member holds the grant, its client and its start, and reads back whole', async (t) => {
  const grant = { grantId: 'g-1_x', clientId: 'client_9-Z', startedAt: 1_800_000_000 }
  t.same(indexedGrant(grantMember(grant)), grant)
  t.equal(grantIdOf(grantMember(grant)), 'g-1_x')
  t.ok(ofClient('client_9-Z')(grantMember(grant)))
  t.notOk(ofClient('client_9')(grantMember(grant)))
})

t.test('a member written before clients were noted is a grant of no client', async (t) => {
  t.same(indexedGrant('legacy-grant'), { grantId: 'legacy-grant' })
  t.equal(grantIdOf('legacy-grant'), 'legacy-grant')
  t.notOk(ofClient('legacy-grant')('legacy-grant'))
})
