// The forms of second factors: managing them at /account/two-factor, and completing a sign-in at /login/second-factor.
import Type, { type Static } from 'typebox'

const CsrfToken = Type.String({ maxLength: 200 })

/** What the two-factor page does: start or confirm TOTP enrolment, remove TOTP, or make new recovery codes. */
export const TwoFactorForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  action: Type.Union([Type.Literal('start'), Type.Literal('confirm'), Type.Literal('cancel'), Type.Literal('remove'), Type.Literal('regenerate')]),
  code: Type.Optional(Type.String({ maxLength: 20 }))
})
export type TwoFactorForm = Static<typeof TwoFactorForm>

/**
 * The second step of a sign-in: which kind of factor answers (`totp`, `recovery-code`, and whatever kinds the service
 * adds), and what it sent. The sign-in it completes is the one pending in this browser, never named by the form.
 */
export const SecondFactorForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  kind: Type.String({ pattern: '^[a-z-]{1,30}$' }),
  code: Type.Optional(Type.String({ maxLength: 8192 }))
})
export type SecondFactorForm = Static<typeof SecondFactorForm>
