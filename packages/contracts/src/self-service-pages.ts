// The forms and links of the pages a person uses on their own: sign-up, email verification and password reset.
import Type, { type Static } from 'typebox'

const CsrfToken = Type.String({ maxLength: 200 })
/** The id of a pending authorization request a sign-up continues to. */
const RequestId = Type.String({ minLength: 1, maxLength: 100 })
/** A token from a mailed link. The service checks its shape; anything far longer is refused before it looks. */
const MailedToken = Type.String({ maxLength: 200 })
/** Bounded only: the password policy says which passwords may be set, and why not. */
const NewPassword = Type.String({ maxLength: 1024 })

export const SignUpQuery = Type.Object({ request_id: Type.Optional(RequestId) })
export type SignUpQuery = Static<typeof SignUpQuery>

/** Every field is optional here so that one left out is answered on the page, saying which. */
export const SignUpForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  username: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  password: Type.Optional(NewPassword),
  request_id: Type.Optional(RequestId)
})
export type SignUpForm = Static<typeof SignUpForm>

/** With a token, the link from a verification mail; without, the signed-in user's status. `sent` says a link just left. */
export const VerifyEmailQuery = Type.Object({ token: Type.Optional(MailedToken), sent: Type.Optional(Type.String({ maxLength: 10 })) })
export type VerifyEmailQuery = Static<typeof VerifyEmailQuery>

export const ResendVerificationForm = Type.Object({ _csrf: Type.Optional(CsrfToken) })
export type ResendVerificationForm = Static<typeof ResendVerificationForm>

export const ForgotPasswordForm = Type.Object({ _csrf: Type.Optional(CsrfToken), email: Type.Optional(Type.String({ maxLength: 254 })) })
export type ForgotPasswordForm = Static<typeof ForgotPasswordForm>

export const ResetPasswordQuery = Type.Object({ token: Type.Optional(MailedToken) })
export type ResetPasswordQuery = Static<typeof ResetPasswordQuery>

export const ResetPasswordForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  token: Type.Optional(MailedToken),
  new_password: Type.Optional(NewPassword),
  confirm_password: Type.Optional(NewPassword)
})
export type ResetPasswordForm = Static<typeof ResetPasswordForm>
