// The self-service account pages under /account: server-rendered forms, each bound to its route by a CSRF token.
import type { FastifyInstance } from 'fastify'
import applicationsPage from './applications.js'
import deletePage from './delete.js'
import overviewPage from './overview.js'
import passkeysPage from './passkeys.js'
import passwordPage from './password.js'
import profilePage from './profile.js'
import sessionsPage from './sessions.js'
import twoFactorPage from './two-factor.js'

export default async function accountPages (app: FastifyInstance): Promise<void> {
  await app.register(overviewPage)
  await app.register(profilePage)
  await app.register(passwordPage)
  await app.register(sessionsPage)
  await app.register(twoFactorPage)
  await app.register(applicationsPage)
  await app.register(deletePage)
  await app.register(passkeysPage)
}
