// GET /authorize (RFC 6749 §3.1, OpenID Connect Core §3.1.2): checks the request once, then answers at once for a user
// whose sign-in and earlier consent suffice, or holds it while the interaction layer has the user sign in and consent.
// With prompt=none nothing is shown: what would have been is the answer's error instead.
import type { FastifyInstance } from 'fastify'
import { AuthorizeQuery } from '@keyhold/contracts'
import { ConsentRequired, LoginRequired } from '../../errors.js'
import { approve, refuse } from '../authorization/complete.js'
import { consentRequired } from '../authorization/consent.js'
import { holdAuthorization } from '../authorization/held-requests.js'
import { consentPrompt, type AuthorizationInteraction } from '../authorization/interaction.js'
import { resolveAuthorizationRequest } from '../authorization/request.js'
import { answeringSignIn, withSignInDemands } from '../authorization/sign-in.js'

export default async function authorizationEndpoint (app: FastifyInstance, { interaction }: { interaction: AuthorizationInteraction }): Promise<void> {
  app.get<{ Querystring: AuthorizeQuery }>('/authorize', {
    schema: { querystring: AuthorizeQuery }
  }, async (request, reply) => {
    const current = await interaction.signedIn(request)
    const authorization = withSignInDemands(await resolveAuthorizationRequest(app, request.query), current)
    const signedIn = answeringSignIn(authorization, current)
    const askConsent = signedIn !== undefined && await consentRequired(app, signedIn.user, authorization)
    if (authorization.prompt?.includes('none') === true) {
      if (!signedIn) return interaction.answer(reply, await refuse(app, authorization, new LoginRequired('the user must sign in')), 302)
      if (askConsent) return interaction.answer(reply, await refuse(app, authorization, new ConsentRequired('the user must consent')), 302)
    }
    if (signedIn && !askConsent) return interaction.answer(reply, await approve(app, authorization, signedIn), 302)
    const requestId = await holdAuthorization(app, authorization, interaction.browser(request, reply))
    if (!signedIn) return interaction.signIn(reply, requestId)
    return interaction.askConsent(request, reply, await consentPrompt(app, requestId, authorization, signedIn.user))
  })
}
