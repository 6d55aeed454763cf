// Which URLs a delivery may go to, decided without sending anything: no scheme but https (http only to loopback in
// development), no internal address however it is written or resolved, and the address to connect to pinned.
import t from 'tap'
import { checkTarget, isLoopbackHttpIssuer, type Resolve } from '../../src/delivery/target.js'

const production = { allowLoopback: false }
const development = { allowLoopback: true }
/** For URLs that must be judged without a lookup. */
const noLookup: Resolve = async (host) => { throw new Error(`${host} was looked up`) }
const answers = (...addresses: string[]): Resolve => async () =>
  addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

t.test('refused without a lookup: schemes, credentials and internal addresses, however written', async (t) => {
  const cases: Array<[string, RegExp]> = [
    ['http://rp.example/logout', /http: is not allowed/],
    ['ftp://rp.example/logout', /ftp: is not allowed/],
    ['/logout', /not an absolute URL/],
    ['https://user:secret@rp.example/logout', /credentials/],
    ['https://10.0.0.1/logout', /10\.0\.0\.1 is private/],
    ['https://172.16.5.4/', /private/],
    ['https://192.168.1.1/', /private/],
    ['https://100.64.0.1/', /carrierGradeNat/],
    ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is linkLocal/],
    ['https://127.0.0.1/', /loopback/],
    ['https://0x7f.1/', /127\.0\.0\.1 is loopback/],
    ['https://2130706433/', /127\.0\.0\.1 is loopback/],
    ['https://[::1]/', /::1 is loopback/],
    ['https://[::ffff:127.0.0.1]/', /loopback/],
    ['https://[::ffff:10.0.0.1]/', /private/],
    ['https://[::ffff:169.254.169.254]/', /linkLocal/],
    ['https://[::7f00:1]/', /IPv4-compatible/],
    ['https://[64:ff9b::a00:1]/', /rfc6052/],
    ['https://[fe80::1]/', /linkLocal/],
    ['https://[fc00::1]/', /uniqueLocal/],
    ['https://[fd12:3456::1]/', /uniqueLocal/],
    ['https://0.0.0.0/', /unspecified/],
    ['https://[::]/', /unspecified/],
    ['https://224.0.0.1/', /multicast/],
    ['https://[ff02::1]/', /multicast/],
    ['https://255.255.255.255/', /broadcast/],
    ['https://192.0.2.1/', /reserved/]
  ]
  for (const [url, reason] of cases) {
    const target = await checkTarget(url, production, noLookup)
    t.match(target, { allowed: false, reason }, url)
  }
})

t.test('a host name is refused when any address it resolves to is internal', async (t) => {
  t.match(await checkTarget('https://localhost/logout', production), { allowed: false, reason: /127\.0\.0\.1 is loopback/ },
    'localhost, as this machine resolves it')
  t.match(await checkTarget('https://rp.example/', production, answers('8.8.8.8', '10.1.2.3')), { allowed: false, reason: /10\.1\.2\.3 is private/ },
    'a public address beside an internal one does not make it safe')
  t.match(await checkTarget('https://rp.example/', production, answers('2001:4860:4860::8888', 'fd00::1')), { allowed: false, reason: /uniqueLocal/ })
})

t.test('a public https target is allowed, pinned to the address checked, the URL keeping its host name', async (t) => {
  const literal = await checkTarget('https://8.8.8.8/hook', production, noLookup)
  t.match(literal, { allowed: true, address: { address: '8.8.8.8', family: 4 } })
  const named = await checkTarget('https://rp.example:8443/logout?tenant=a', production, answers('2001:4860:4860::8888', '8.8.4.4'))
  t.match(named, { allowed: true, address: { address: '2001:4860:4860::8888', family: 6 } })
  t.equal(named.allowed && named.url.host, 'rp.example:8443')
})

t.test('a host that cannot be resolved now is not refused: the delivery is tried again later', async (t) => {
  const failing: Resolve = async () => { throw Object.assign(new Error('getaddrinfo EAI_AGAIN rp.example'), { code: 'EAI_AGAIN' }) }
  await t.rejects(checkTarget('https://rp.example/', production, failing), { code: 'EAI_AGAIN' })
  await t.rejects(checkTarget('https://rp.example/', production, answers()), /no address/)
})

t.test('in development, loopback is allowed, over http too; nothing else is', async (t) => {
  t.match(await checkTarget('http://localhost:4010/logout', development), { allowed: true, address: { address: '127.0.0.1' } })
  t.match(await checkTarget('http://127.0.0.1:4010/', development, noLookup), { allowed: true })
  t.match(await checkTarget('https://[::1]:4010/', development, noLookup), { allowed: true, address: { address: '::1', family: 6 } })
  t.match(await checkTarget('http://10.0.0.1/', development, noLookup), { allowed: false, reason: /private/ })
  t.match(await checkTarget('https://169.254.169.254/', development, noLookup), { allowed: false, reason: /linkLocal/ })
  t.match(await checkTarget('http://rp.example/', development, answers('8.8.8.8')), { allowed: false, reason: /http: is only allowed to loopback/ })
  t.match(await checkTarget('http://rp.example/', development, answers('127.0.0.1', '8.8.8.8')), { allowed: false })
})

t.test('the loopback exception is for an issuer that is itself a loopback http URL', async (t) => {
  for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000', 'http://127.1.2.3']) {
    t.equal(isLoopbackHttpIssuer(issuer), true, issuer)
  }
  for (const issuer of ['https://127.0.0.1:4000', 'https://localhost', 'http://id.example', 'https://id.example', 'http://10.0.0.1']) {
    t.equal(isLoopbackHttpIssuer(issuer), false, issuer)
  }
})
