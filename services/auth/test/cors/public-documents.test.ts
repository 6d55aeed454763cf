// Discovery and the signing keys: any page may read them, with `*` and no credentials, and preflights say so.
import t from 'tap'
import { build } from '../helper.js'
import { corsHeaders, isPlainNotFound, preflight } from './support.js'

const DOCUMENTS = ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '/jwks.json']

t.test('any origin reads the public documents', async (t) => {
  const app = await build(t)
  for (const url of DOCUMENTS) {
    for (const origin of ['https://anywhere.example', 'null']) {
      const response = await app.inject({ url, headers: { origin } })
      t.equal(response.statusCode, 200, url)
      t.same(corsHeaders(response), { 'access-control-allow-origin': '*' }, `${url} from ${origin}: *, nothing else`)
      t.match(response.headers['cache-control'], /^public/, 'still cacheable: the answer is the same for every origin')
    }
    t.equal((await app.inject({ url })).headers['access-control-allow-origin'], '*', `${url} without Origin`)
  }
})

t.test('preflights at the public documents are answered for any origin', async (t) => {
  const app = await build(t)
  for (const url of DOCUMENTS) {
    const response = await preflight(app, url, 'https://anywhere.example', 'GET')
    t.equal(response.statusCode, 204, url)
    t.same(corsHeaders(response), {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET',
      'access-control-max-age': '300',
      vary: 'Origin, Access-Control-Request-Headers'
    }, `${url}: exactly these headers`)
    t.equal((await preflight(app, url, 'null', 'GET', 'x-requested-with')).headers['access-control-allow-headers'], 'x-requested-with',
      'whatever headers a page sends to read a public document')
    isPlainNotFound(t, await app.inject({ method: 'OPTIONS', url }), `a plain OPTIONS ${url}`)
  }
})
