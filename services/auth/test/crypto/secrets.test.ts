import t from 'tap'
import { clientSecrets } from '../../src/clients/secrets.js'
import { deriveKey, safeEqual } from '../../src/crypto/hash.js'
import { open, seal } from '../../src/crypto/sealed-box.js'

t.test('client secrets: random, 256-bit, verified only against their own keyed hash', async (t) => {
  const secrets = clientSecrets(deriveKey('root secret for tests 0123456789', 'client-secret'))
  const first = secrets.issue()
  const second = secrets.issue()
  t.not(first.secret, second.secret)
  t.equal(Buffer.from(first.secret, 'base64url').length, 32)
  t.notOk(first.hash.includes(first.secret))
  t.ok(secrets.matches(first.secret, first.hash))
  t.notOk(secrets.matches(second.secret, first.hash))
  t.notOk(secrets.matches(first.secret.slice(0, -1), first.hash))

  const otherServer = clientSecrets(deriveKey('another root secret 0123456789ab', 'client-secret'))
  t.notOk(otherServer.matches(first.secret, first.hash), 'the hash is keyed by the server secret')
})

t.test('keys derived for different purposes differ', async (t) => {
  t.notSame(deriveKey('root', 'client-secret'), deriveKey('root', 'signing-key'))
  t.same(deriveKey('root', 'client-secret'), deriveKey('root', 'client-secret'))
})

t.test('safeEqual compares strings of any length', async (t) => {
  t.ok(safeEqual('same', 'same'))
  t.notOk(safeEqual('same', 'Same'))
  t.notOk(safeEqual('short', 'a much longer value'))
})

t.test('sealed values open only with their key and untouched', async (t) => {
  const key = deriveKey('root', 'signing-key')
  const sealed = seal(key, '-----BEGIN PRIVATE KEY-----')
  t.notMatch(sealed, /PRIVATE/)
  t.not(seal(key, 'same'), seal(key, 'same'), 'a fresh nonce each time')
  t.equal(open(key, sealed), '-----BEGIN PRIVATE KEY-----')
  t.throws(() => open(deriveKey('other', 'signing-key'), sealed))
  const [iv, tag, body] = sealed.split('.') as [string, string, string]
  const flipped = Buffer.from(body, 'base64url')
  flipped[0]! ^= 1
  t.throws(() => open(key, [iv, tag, flipped.toString('base64url')].join('.')), 'tampering is detected')
  t.throws(() => open(key, 'not sealed'))
})
