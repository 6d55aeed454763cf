// GET /authorize (RFC 6749 §3.1): checks the request once, then answers at once for a user who consented before, or
// holds it while the interaction layer has the user sign in and consent.
import type { FastifyInstance } from 'fastify'
import { AuthorizeQuery } from '@keyhold/contracts'
import { approve } from '../authorization/complete.js'
import { consentRequired } from '../authorization/consent.js'
import { holdAuthorization } from '../authorization/held-requests.js'
import { consentPrompt, type AuthorizationInteraction } from '../authorization/interaction.js'
import { resolveAuthorizationRequest } from '../authorization/request.js'

export default async function authorizationEndpoint (app: FastifyInstance, { interaction }: { interaction: AuthorizationInteraction }): Promise<void> {
  app.get<{ Querystring: AuthorizeQuery }>('/authorize', {
    schema: { querystring: AuthorizeQuery }
  }, async (request, reply) => {
    const authorization = await resolveAuthorizationRequest(app, request.query)
    const signedIn = await interaction.signedIn(request)
    if (signedIn && !(await consentRequired(app, signedIn.user, authorization))) {
      return reply.redirect(await approve(app, authorization, signedIn.user), 302)
    }
    const requestId = await holdAuthorization(app, authorization, interaction.browser(request, reply))
    if (!signedIn) return interaction.signIn(reply, requestId)
    return interaction.askConsent(request, reply, consentPrompt(requestId, authorization, signedIn.user))
  })
}
