// The forms of passkey sign-in and of the passkeys page: the browser's WebAuthn answer travels as JSON in one field.
import Type, { type Static } from 'typebox'
import { ReturnTo } from './authorize.js'

const CsrfToken = Type.String({ maxLength: 200 })
/** A WebAuthn credential as JSON (PublicKeyCredential.toJSON()): a few KiB for any real authenticator. */
const CredentialJson = Type.String({ minLength: 1, maxLength: 16_384 })
const PasskeyId = Type.String({ pattern: '^[0-9a-f-]{36}$' })
export const PasskeyName = Type.String({ minLength: 1, maxLength: 60 })

export const PasskeySignInQuery = Type.Object({ request_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), return_to: Type.Optional(ReturnTo) })
export type PasskeySignInQuery = Static<typeof PasskeySignInQuery>

export const PasskeySignInForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  request_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  return_to: Type.Optional(ReturnTo),
  credential: Type.Optional(CredentialJson)
})
export type PasskeySignInForm = Static<typeof PasskeySignInForm>

export const AddPasskeyForm = Type.Object({ _csrf: Type.Optional(CsrfToken), name: Type.Optional(PasskeyName), credential: Type.Optional(CredentialJson) })
export type AddPasskeyForm = Static<typeof AddPasskeyForm>

export const RenamePasskeyForm = Type.Object({ _csrf: Type.Optional(CsrfToken), id: PasskeyId, name: PasskeyName })
export type RenamePasskeyForm = Static<typeof RenamePasskeyForm>

export const RemovePasskeyForm = Type.Object({ _csrf: Type.Optional(CsrfToken), id: PasskeyId })
export type RemovePasskeyForm = Static<typeof RemovePasskeyForm>
