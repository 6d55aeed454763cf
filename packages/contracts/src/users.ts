// The account API under /api/users: sign-up, reading, changing and deleting accounts.
import Type, { type Static } from 'typebox'

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' })
// Only bounds the body: the identity service's password policy says which passwords may be set, and why not.
export const Password = Type.String({ minLength: 1, maxLength: 1024 })

export const SignUpRequest = Type.Object({ username: Username, password: Password }, { additionalProperties: false })
export type SignUpRequest = Static<typeof SignUpRequest>

// Changing or deleting an account takes its current password as well as a token with the account scope.
export const UserUpdate = Type.Object({
  username: Type.Optional(Username),
  password: Type.Optional(Password),
  current_password: Password
}, { additionalProperties: false, minProperties: 2 })
export type UserUpdate = Static<typeof UserUpdate>

export const UserDeletion = Type.Object({ current_password: Password }, { additionalProperties: false })
export type UserDeletion = Static<typeof UserDeletion>

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
