// The OpenAPI document, generated from the route schemas (GET /docs/json), and the docs page at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

export default fp(async (app, opts: { authUrl: string }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keyhold resource service',
        version: '0.1.0',
        description: 'Ships, calls and the caller, behind OAuth 2 bearer tokens issued by the Keyhold identity service.'
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'oauth2',
            description: 'An access token from the identity service, sent as `Authorization: Bearer <token>`.',
            flows: {
              clientCredentials: {
                tokenUrl: `${opts.authUrl}/token`,
                scopes: {
                  'ships:read': 'read the ship catalogue',
                  'ships:write': 'add, replace and remove ships',
                  calls: "place, read and end the caller's own calls"
                }
              }
            }
          }
        }
      }
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'openapi' })
