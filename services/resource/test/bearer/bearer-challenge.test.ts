// The one writer of Bearer challenges: RFC 7235 quoted strings, and only the parameters given.
import t from 'tap'
import { bearerChallenge, BearerError, BearerRequired } from '@keyhold/service-kit/bearer-challenge'

t.test('values are quoted strings, with " and \\ escaped', async (t) => {
  t.equal(bearerChallenge({ realm: 'a "quoted" \\ realm' }), 'Bearer realm="a \\"quoted\\" \\\\ realm"')
  t.equal(bearerChallenge({ realm: 'r', error: 'insufficient_scope', description: 'needs calls', scope: 'calls ships:read' }),
    'Bearer realm="r", error="insufficient_scope", error_description="needs calls", scope="calls ships:read"')
})

t.test('a missing token gets a bare challenge; a failed one names its error in body and header alike', async (t) => {
  const required = new BearerRequired('r')
  t.equal(required.status, 401)
  t.equal(required.headers['www-authenticate'], 'Bearer realm="r"', 'no error code without credentials (RFC 6750 §3.1)')
  const failed = new BearerError('r', 401, 'invalid_token', 'the token is "odd"')
  t.equal(failed.error, 'invalid_token')
  t.equal(failed.headers['www-authenticate'], `Bearer realm="r", error="invalid_token", error_description="${failed.description!}"`)
  t.notMatch(failed.headers['www-authenticate'], /"odd"/, 'a description never ends the quoted string early')
})

t.test('every error is named by its code', async (t) => {
  t.equal(new BearerRequired('r').name, 'unauthorized')
  t.equal(new BearerError('r', 403, 'insufficient_scope', 'x').name, 'insufficient_scope')
  t.equal(String(new BearerError('r', 401, 'invalid_token', 'the token has expired')), 'invalid_token: the token has expired')
})
