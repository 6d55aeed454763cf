// The outbound POST against real receivers on loopback ports: what arrives, what counts as delivered, and the limits
// on where it connects, on redirects, on time and on what it reads of the answer.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { freePort } from '@keyhold/service-kit/testing'
import { outboundPoster, type PosterOptions } from '../../src/delivery/outbound.js'
import type { Resolve } from '../../src/delivery/target.js'
import { answer, receiver } from './receiver.js'

const job = (url: string) => ({ url, contentType: 'application/x-www-form-urlencoded', body: 'logout_token=eyJ.secret.sig' })
const poster = (opts: Partial<PosterOptions> = {}) => outboundPoster({ allowLoopback: true, timeoutMs: 2000, ...opts })

t.test('the body arrives as a POST with its content type, to the path and query given; 2xx is delivered', async (t) => {
  const rp = await receiver(t, answer(204))
  t.same(await poster()(job(`${rp.url}/logout?tenant=a`)), { outcome: 'delivered', status: 204 })
  t.match(rp.received, [{
    method: 'POST',
    url: '/logout?tenant=a',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: rp.url.slice('http://'.length) },
    body: 'logout_token=eyJ.secret.sig'
  }])
})

t.test('any other status is a failure worth trying again', async (t) => {
  const rp = await receiver(t, (res, n) => res.writeHead([400, 500, 503][n - 1]!).end('{"error":"secret detail"}'))
  const post = poster()
  for (const status of [400, 500, 503]) t.same(await post(job(rp.url)), { outcome: 'failed', error: `HTTP ${status}` })
})

t.test('a redirect is not followed: the failure is the 3xx, and its target never hears of it', async (t) => {
  const elsewhere = await receiver(t)
  const rp = await receiver(t, answer(302, { location: `${elsewhere.url}/logout` }))
  t.match(await poster()(job(rp.url)), { outcome: 'failed', error: /HTTP 302, a redirect/ })
  t.equal(rp.received.length, 1)
  t.same(elsewhere.received, [])
})

t.test('a receiver that does not answer in time is a failure, within the time limit', async (t) => {
  const rp = await receiver(t, () => {})
  const started = performance.now()
  t.match(await poster({ timeoutMs: 300 })(job(rp.url)), { outcome: 'failed', error: /timed out after 300 ms/ })
  t.ok(performance.now() - started < 1500, 'not the request timeouts of undici or the receiver')
})

t.test('an endless answer is not read past a few KiB', async (t) => {
  let finished: boolean | undefined
  const rp = await receiver(t, (res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    const chunk = Buffer.alloc(64 * 1024)
    const pour = () => { while (!res.destroyed && res.write(chunk)); }
    res.on('drain', pour)
    res.on('close', () => { finished = res.writableFinished })
    pour()
  })
  const started = performance.now()
  t.same(await poster({ timeoutMs: 5000 })(job(rp.url)), { outcome: 'delivered', status: 200 })
  t.ok(performance.now() - started < 2000, 'done long before the time limit')
  await new Promise((resolve) => setTimeout(resolve, 50))
  t.equal(finished, false, 'the connection was dropped while the receiver still had more to send')
})

t.test('the connection goes to the address checked, never looked up again', async (t) => {
  // localhost is 127.0.0.1 to this machine; the receiver listens on 127.0.0.2 alone.
  const rp = await receiver(t, answer(200), { host: '127.0.0.2' })
  const lookups: string[] = []
  const resolve: Resolve = async (host) => {
    lookups.push(host)
    return [{ address: '127.0.0.2', family: 4 }]
  }
  const url = rp.url.replace('127.0.0.2', 'localhost')
  t.same(await poster({ resolve })(job(url)), { outcome: 'delivered', status: 200 })
  t.same(lookups, ['localhost'], 'one lookup, the checked one')
  t.equal(rp.received[0]?.headers.host, new URL(url).host, 'the Host header names the host, not the address')
})

t.test('over https, the host name is sent as SNI and the certificate is checked against it, at the pinned address', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'keyhold-delivery-tls-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'])
  const [cert, key] = await Promise.all([readFile(join(dir, 'cert.pem'), 'utf8'), readFile(join(dir, 'key.pem'), 'utf8')])
  const rp = await receiver(t, answer(200), { host: '127.0.0.2', tls: { cert, key } })
  const resolve: Resolve = async () => [{ address: '127.0.0.2', family: 4 }]
  const url = rp.url.replace('127.0.0.2', 'localhost')

  t.same(await poster({ resolve, ca: cert })(job(url)), { outcome: 'delivered', status: 200 })
  t.equal(rp.received[0]?.servername, 'localhost')
  t.match(await poster({ resolve })(job(url)), { outcome: 'failed', error: /SELF_SIGNED|certificate/i }, 'an untrusted certificate is a failure')
  t.equal(rp.received.length, 1)
})

t.test('a refused target gets no traffic: the outcome is final', async (t) => {
  const rp = await receiver(t)
  t.match(await poster({ allowLoopback: false })(job(rp.url)), { outcome: 'refused', error: /http: is not allowed/ })
  t.match(await poster({ allowLoopback: false })(job(rp.url.replace('http:', 'https:'))), { outcome: 'refused', error: /127\.0\.0\.1 is loopback/ })
  t.same(rp.received, [])
})

t.test('a receiver that is not there is a failure worth trying again', async (t) => {
  t.match(await poster()(job(`http://127.0.0.1:${await freePort()}/logout`)), { outcome: 'failed', error: /ECONNREFUSED/ })
})

t.test('stopping abandons a delivery under way', async (t) => {
  const rp = await receiver(t, () => {})
  const stop = new AbortController()
  const outcome = poster({ timeoutMs: 5000 })(job(rp.url), stop.signal)
  await new Promise((resolve) => setTimeout(resolve, 100))
  stop.abort()
  t.match(await outcome, { outcome: 'failed' })
})
