// The forms of the self-service account pages under /account, and the notices their pages show after a change.
import Type, { type Static } from 'typebox'
import { Email, Password, PersonName } from './users.js'

const CsrfToken = Type.String({ maxLength: 200 })
/** A session's public id (its sid), or a client's id: ids this service made, never free text. */
const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' })

/** A form that carries nothing but its CSRF token. */
export const AccountForm = Type.Object({ _csrf: Type.Optional(CsrfToken) })
export type AccountForm = Static<typeof AccountForm>

export const EndSessionForm = Type.Object({ _csrf: Type.Optional(CsrfToken), sid: Id })
export type EndSessionForm = Static<typeof EndSessionForm>

export const RevokeApplicationForm = Type.Object({ _csrf: Type.Optional(CsrfToken), client_id: Id })
export type RevokeApplicationForm = Static<typeof RevokeApplicationForm>

/** The current password may be left out after a recent sign-in; the service's policy says which new ones may be set. */
export const PasswordChangeForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  current_password: Type.Optional(Type.String({ maxLength: 1024 })),
  new_password: Type.Optional(Password),
  confirm_password: Type.Optional(Type.String({ maxLength: 1024 }))
})
export type PasswordChangeForm = Static<typeof PasswordChangeForm>

/** The browser sends every field: one left empty (absent once parsed) removes its claim. */
export const ProfileForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  name: Type.Optional(PersonName),
  given_name: Type.Optional(PersonName),
  family_name: Type.Optional(PersonName),
  email: Type.Optional(Email)
})
export type ProfileForm = Static<typeof ProfileForm>

/** Deleting takes the username typed out, so that no stray press of a button closes an account. */
export const DeleteAccountForm = Type.Object({ _csrf: Type.Optional(CsrfToken), confirm_username: Type.Optional(Type.String({ maxLength: 200 })) })
export type DeleteAccountForm = Static<typeof DeleteAccountForm>

/** After a change the page is shown again with a notice: one of a fixed list, so that no text is taken from the URL. */
export const AccountNoticeQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 40 })) })
export type AccountNoticeQuery = Static<typeof AccountNoticeQuery>
