// A URL the router cannot decode gets the demo's own 400 page, which repeats nothing of the URL.
import t from 'tap'
import { buildDemo } from './helpers/demo.js'

t.test('a malformed URL → the 400 page, with the page headers and nothing of the URL', async (t) => {
  const app = await buildDemo(t)
  for (const url of ['/%zz', '/calls/%zz%3Cb%3E/end', '/sign-in%E0%A4%A']) {
    const response = await app.inject({ method: 'GET', url })
    t.equal(response.statusCode, 400, url)
    t.match(response.headers['content-type'], /^text\/html/)
    t.match(response.body, /That request was not understood/)
    t.notMatch(response.body, /%zz|%E0|<b>/i, 'the URL is not repeated')
    t.equal(response.headers['x-frame-options'], 'DENY')
  }
})
