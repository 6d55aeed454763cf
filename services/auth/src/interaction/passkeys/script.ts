// GET /assets/passkeys.js: @simplewebauthn/browser's bundle and the few lines that run a ceremony when a passkey form
// is sent (its options in data-options, the answer put in its `credential` field). The only script these pages run.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'
import { PASSKEY_SCRIPT_PATH } from '../content-policy.js'

const GLUE = `
;(function () {
  var lib = globalThis.SimpleWebAuthnBrowser
  document.querySelectorAll('form[data-passkey]').forEach(function (form) {
    var status = form.querySelector('[data-passkey-status]')
    if (!lib.browserSupportsWebAuthn()) {
      if (status) status.textContent = 'This browser cannot use passkeys.'
      return
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault()
      var optionsJSON = JSON.parse(form.getAttribute('data-options'))
      var ceremony = form.getAttribute('data-passkey') === 'register'
        ? lib.startRegistration({ optionsJSON: optionsJSON })
        : lib.startAuthentication({ optionsJSON: optionsJSON })
      ceremony.then(function (credential) {
        form.elements.credential.value = JSON.stringify(credential)
        form.submit()
      }, function (error) {
        if (status) status.textContent = 'The passkey was not used' + (error && error.name ? ' (' + error.name + ')' : '') + '. Reload the page to try again.'
      })
    })
  })
})()
`

function bundle (): string {
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser')
  return readFileSync(new URL('../dist/bundle/index.umd.min.js', `file://${entry}`), 'utf8')
}

export default async function passkeyScript (app: FastifyInstance): Promise<void> {
  const source = `${bundle()}\n${GLUE}`
  app.get(PASSKEY_SCRIPT_PATH, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(source))
}
