// The account API under /api/users: sign-up, reading, changing and deleting accounts.
import Type, { type Static } from 'typebox'

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' })
// NIST SP 800-63B: at least 8 characters, at least 64 accepted, no composition rules.
export const Password = Type.String({ minLength: 8, maxLength: 256 })

export const SignUpRequest = Type.Object({ username: Username, password: Password }, { additionalProperties: false })
export type SignUpRequest = Static<typeof SignUpRequest>

export const UserUpdate = Type.Object({
  username: Type.Optional(Username),
  password: Type.Optional(Password)
}, { additionalProperties: false, minProperties: 1 })
export type UserUpdate = Static<typeof UserUpdate>

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
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
