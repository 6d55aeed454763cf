// The account API: public sign-up (rate-limited), reading accounts with a bearer token, and changing or deleting
// one's own with a token for the account scope and the current password.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { errorResponses, SignUpRequest, User, UserDeletion, UserIdParams, UserList, UserListQuery, UserUpdate } from '@keyhold/contracts'
import { InvalidRequest, NotFound, Taken, TooManyAttempts } from '../errors.js'
import { noStore } from '../oauth/form-endpoint.js'
import { ACCOUNT_SCOPE, READ_USERS_SCOPE } from '../identity-scopes.js'
import { revokeUserGrants } from '../oauth/user-grants.js'
import { deleteAccount, endAccountAccess, newPasswordHash } from './account-access.js'
import { redisKeys } from '../storage/redis/keys.js'
import type { AccountClash, User as UserRecord } from '../storage/types.js'
import { requireBearer, requireOwner, requireScope } from './bearer.js'
import { claimChanges } from './claims.js'
import { requireCurrentPassword } from './current-password.js'
import { createAccount, isClash, usernameOf } from './sign-up.js'

const toView = (user: UserRecord): User => ({
  id: user.id,
  username: user.username,
  ...(user.email !== undefined && { email: user.email }),
  email_verified: user.emailVerified,
  ...(user.name !== undefined && { name: user.name }),
  ...(user.givenName !== undefined && { given_name: user.givenName }),
  ...(user.familyName !== undefined && { family_name: user.familyName }),
  created_at: user.createdAt.toISOString(),
  updated_at: user.updatedAt.toISOString()
})
const unknownUser = () => new NotFound('no such user')
const CLASHES: Record<AccountClash, string> = { taken: 'that username is taken', email_taken: 'that email address is taken' }
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
    const { username, password, ...claims } = request.body
    const user = await createAccount(app, request, { username, password, claims })
    if (isClash(user)) throw new Taken(CLASHES[user])
    return reply.code(201).header('location', location(user)).send(toView(user))
  })

  await app.register(async (api) => {
    requireBearer(api)

    // OpenID Connect scopes name this API too, yet allow only their own claims (Core 1.0 §5.4), which the whole
    // account would exceed: reading it takes a scope for accounts, as every token here took before those existed.
    const requireAccountReader = (request: FastifyRequest) => requireScope(request, ACCOUNT_SCOPE, READ_USERS_SCOPE)

    api.get('/me', { schema: { response: { 200: User, ...errorResponses } } }, async (request) => {
      requireAccountReader(request)
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
      else requireAccountReader(request)
      const user = await users.find(request.params.id)
      if (!user) throw unknownUser()
      return toView(user)
    })

    // Another user's account and one that does not exist are refused alike, before anything is looked up.
    const ownAccount = async (request: FastifyRequest<{ Params: UserIdParams }>, currentPassword: string) => {
      requireScope(request, ACCOUNT_SCOPE)
      requireOwner(request, request.params.id)
      const user = await users.find(request.params.id)
      if (!user) throw unknownUser()
      await requireCurrentPassword(request, user, currentPassword)
      return user
    }

    api.put<{ Params: UserIdParams, Body: UserUpdate }>('/:id', {
      schema: { params: UserIdParams, body: UserUpdate, response: { 200: User, ...errorResponses } }
    }, async (request) => {
      const { username, password, current_password: currentPassword, ...claims } = request.body
      // Checked before the password, so that a request bound to fail costs no sign-in attempt.
      const changes = {
        ...claimChanges(claims),
        ...(username !== undefined && { username: usernameOf(username) })
      }
      if (Object.keys(changes).length === 0 && password === undefined) throw new InvalidRequest('give a new username, password or claim')
      const user = await ownAccount(request, currentPassword)
      const updated = await users.update(user.id, {
        ...changes,
        ...(password !== undefined && { passwordHash: await newPasswordHash(password) })
      })
      if (isClash(updated)) throw new Taken(CLASHES[updated])
      if (!updated) throw unknownUser()
      // A new password is how a user takes their account back; a new username would leave tokens naming the old
      // one, which someone else may take next. Either way every token issued before ends, and a new password also
      // signs every browser out. Tokens carry no other claim, so a new email address or name leaves them be.
      if (password !== undefined) await endAccountAccess(app, updated.id)
      else if (username !== undefined) await revokeUserGrants(app, updated.id)
      return toView(updated)
    })

    api.delete<{ Params: UserIdParams, Body: UserDeletion }>('/:id', {
      schema: { params: UserIdParams, body: UserDeletion, response: errorResponses }
    }, async (request, reply) => {
      const user = await ownAccount(request, request.body.current_password)
      await deleteAccount(app, user.id)
      return reply.code(204).send()
    })
  })
}
