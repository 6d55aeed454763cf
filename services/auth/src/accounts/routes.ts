// The account API: public sign-up (rate-limited), reading, changing and deleting accounts with a bearer token.
import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { SignUpRequest, User, UserIdParams, UserList, UserListQuery, UserUpdate } from '@keyhold/contracts'
import { NotFound, OAuthError, TooManyAttempts } from '../oauth/errors.js'
import { noStore } from '../oauth/form-endpoint.js'
import { READ_USERS_SCOPE } from '../oauth/identity-scopes.js'
import { errorResponses } from '../oauth/responses.js'
import { revokeUserGrants } from '../oauth/user-grants.js'
import { redisKeys } from '../storage/redis/keys.js'
import type { User as UserRecord } from '../storage/types.js'
import { requireBearer, requireOwner, requireScope } from './bearer.js'
import { hashPassword } from './passwords.js'

const toView = (user: UserRecord): User => ({
  id: user.id,
  username: user.username,
  created_at: user.createdAt.toISOString(),
  updated_at: user.updatedAt.toISOString()
})
const unknownUser = () => new NotFound('no such user')
const usernameTaken = () => new OAuthError(409, 'invalid_request', 'that username is taken')
const location = (user: UserRecord) => `/api/users/${user.id}`

export default async function accountRoutes (app: FastifyInstance): Promise<void> {
  const { users } = app.stores
  app.addHook('onRequest', noStore)

  await app.register(rateLimit, {
    global: false,
    // Counted in Redis when there is one, so that every instance shares the limit.
    ...(app.redis && { redis: app.redis, nameSpace: redisKeys(app.config.redisPrefix).rateLimit('signup') }),
    errorResponseBuilder: (_request, context) => new TooManyAttempts(Math.ceil(context.ttl / 1000))
  })

  app.post<{ Body: SignUpRequest }>('/', {
    config: { rateLimit: { max: app.config.signUp.max, timeWindow: app.config.signUp.window * 1000 } },
    schema: { body: SignUpRequest, response: { 201: User, ...errorResponses } }
  }, async (request, reply) => {
    const user = await users.create(request.body.username, await hashPassword(request.body.password))
    if (!user) throw usernameTaken()
    return reply.code(201).header('location', location(user)).send(toView(user))
  })

  await app.register(async (api) => {
    requireBearer(api)

    api.get('/me', { schema: { response: { 200: User, ...errorResponses } } }, async (request) => {
      const user = await users.find(request.bearer.sub)
      if (!user) throw unknownUser()
      return toView(user)
    })

    api.get<{ Querystring: UserListQuery }>('/', {
      schema: { querystring: UserListQuery, response: { 200: UserList, ...errorResponses } }
    }, async (request) => {
      requireScope(request, READ_USERS_SCOPE)
      const { limit, after } = request.query
      const page = await users.list(limit + 1, after)
      const shown = page.slice(0, limit)
      return { users: shown.map(toView), ...(page.length > limit && { next: shown.at(-1)!.id }) }
    })

    api.get<{ Params: UserIdParams }>('/:id', {
      schema: { params: UserIdParams, response: { 200: User, ...errorResponses } }
    }, async (request) => {
      if (request.params.id !== request.bearer.sub) requireScope(request, READ_USERS_SCOPE)
      const user = await users.find(request.params.id)
      if (!user) throw unknownUser()
      return toView(user)
    })

    api.put<{ Params: UserIdParams, Body: UserUpdate }>('/:id', {
      schema: { params: UserIdParams, body: UserUpdate, response: { 200: User, ...errorResponses } }
    }, async (request) => {
      if (!(await users.find(request.params.id))) throw unknownUser()
      requireOwner(request, request.params.id)
      const { username, password } = request.body
      const updated = await users.update(request.params.id, {
        username,
        ...(password !== undefined && { passwordHash: await hashPassword(password) })
      })
      if (updated === 'taken') throw usernameTaken()
      if (!updated) throw unknownUser()
      // A new password is how a user takes their account back: every token issued under the old one ends.
      if (password !== undefined) await revokeUserGrants(app, updated.id)
      if (password !== undefined) await app.stores.sessions.endUserSessions(updated.id)
      return toView(updated)
    })

    api.delete<{ Params: UserIdParams }>('/:id', {
      schema: { params: UserIdParams, response: errorResponses }
    }, async (request, reply) => {
      if (!(await users.find(request.params.id))) throw unknownUser()
      requireOwner(request, request.params.id)
      await revokeUserGrants(app, request.params.id)
      await app.stores.sessions.endUserSessions(request.params.id)
      await users.delete(request.params.id)
      return reply.code(204).send()
    })
  })
}
