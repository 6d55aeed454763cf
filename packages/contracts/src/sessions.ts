// The administrator's view of a user's browser sessions: GET and DELETE /admin/users/:id/sessions[/:sid].
import Type, { type Static } from 'typebox'

export const AdminSession = Type.Object({
  sid: Type.String(),
  /** Seconds since the epoch when the user signed in. */
  auth_time: Type.Integer(),
  amr: Type.Array(Type.String()),
  /** The clients answered in the session so far: each is sent a logout token when it ends. */
  clients: Type.Array(Type.String())
})
export type AdminSession = Static<typeof AdminSession>

export const AdminSessionList = Type.Object({ sessions: Type.Array(AdminSession) })
export type AdminSessionList = Static<typeof AdminSessionList>

export const UserSessionsParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
export type UserSessionsParams = Static<typeof UserSessionsParams>

export const UserSessionParams = Type.Object({ id: Type.String({ maxLength: 100 }), sid: Type.String({ maxLength: 100 }) })
export type UserSessionParams = Static<typeof UserSessionParams>
