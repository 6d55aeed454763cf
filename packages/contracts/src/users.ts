// The account API under /api/users: sign-up, reading, changing and deleting accounts.
import Type, { type Static } from 'typebox'

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' })
// Only bounds the body: the identity service's password policy says which passwords may be set, and why not.
export const Password = Type.String({ minLength: 1, maxLength: 1024 })

// The OpenID Connect standard claims a user sets (Core 1.0 §5.1). The schema only bounds them: the identity service
// says which values it accepts (an addr-spec for email; names without control characters) and normalises them.
const EMAIL = { minLength: 1, maxLength: 254, description: 'An email address (RFC 5322 addr-spec), unique regardless of case' }
const NAME = { minLength: 1, maxLength: 200 }
export const Email = Type.String(EMAIL)
export const PersonName = Type.String(NAME)

// One list of types rather than a union: Fastify coerces types, and within a union would turn "" into null.
const removable = (bounds: typeof EMAIL | typeof NAME, what: string) =>
  Type.Unsafe<string | null>({ ...bounds, type: ['string', 'null'], description: `${what}; null removes it` })

const claims = {
  email: Type.Optional(Email),
  name: Type.Optional(PersonName),
  given_name: Type.Optional(PersonName),
  family_name: Type.Optional(PersonName)
}

export const SignUpRequest = Type.Object({ username: Username, password: Password, ...claims }, { additionalProperties: false })
export type SignUpRequest = Static<typeof SignUpRequest>

// Changing or deleting an account takes its current password as well as a token with the account scope.
export const UserUpdate = Type.Object({
  username: Type.Optional(Username),
  password: Type.Optional(Password),
  email: Type.Optional(removable(EMAIL, 'A new email address, unverified until proven')),
  name: Type.Optional(removable(NAME, 'The full name')),
  given_name: Type.Optional(removable(NAME, 'The given name')),
  family_name: Type.Optional(removable(NAME, 'The family name')),
  current_password: Password
}, { additionalProperties: false, minProperties: 2 })
export type UserUpdate = Static<typeof UserUpdate>

export const UserDeletion = Type.Object({ current_password: Password }, { additionalProperties: false })
export type UserDeletion = Static<typeof UserDeletion>

// The optional claims appear only when set; email_verified is false whenever there is no address.
export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  email: Type.Optional(Type.String()),
  email_verified: Type.Boolean(),
  name: Type.Optional(Type.String()),
  given_name: Type.Optional(Type.String()),
  family_name: Type.Optional(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String()
})
export type User = Static<typeof User>

export const UserIdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
export type UserIdParams = Static<typeof UserIdParams>

export const UserListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  after: Type.Optional(Type.String({ maxLength: 100 }))
})
export type UserListQuery = Static<typeof UserListQuery>

export const UserList = Type.Object({
  users: Type.Array(User),
  next: Type.Optional(Type.String())
})
export type UserList = Static<typeof UserList>
