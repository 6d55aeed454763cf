// Signing in with a passkey, on its own (discoverable credentials) or as a second factor after the password: options
// with a fresh challenge, and the check of an assertion (user verification required, counter moving forward, the user
// handle naming the passkey's owner).
import type { FastifyInstance } from 'fastify'
import {
  generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON
} from '@simplewebauthn/server'
import { MULTI_FACTOR_ACR } from '../../oauth/id-tokens.js'
import type { Passkey, User } from '../../storage/types.js'
import { newChallenge, parseCredential, PasskeyRefused, takeChallenge } from './challenges.js'

export { PasskeyRefused } from './challenges.js'

/**
 * The methods a passkey sign-in used (RFC 8176): `hwk` for a key that cannot leave its authenticator, `swk` for one that
 * may be synced (the authenticator's backup-eligible flag); `user` for the user verification the authenticator made
 * (PIN or biometric, it does not say which); `mfa` because that is two factors, something held and something known
 * or been. It meets MULTI_FACTOR_ACR.
 */
export const passkeyAmr = (passkey: Pick<Passkey, 'backupEligible'>): string[] => [passkey.backupEligible ? 'swk' : 'hwk', 'user', 'mfa']

/**
 * Options for an assertion: with `user`, a second factor, naming that user's passkeys; without, a passwordless sign-in
 * where the authenticator offers the discoverable credentials it holds for us.
 */
export async function passkeySignInOptions (app: FastifyInstance, browser: string, user?: User): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpId, challengeTtl } = app.config.webauthn
  const allowCredentials = user === undefined
    ? undefined
    : (await app.stores.passkeys.list(user.id)).map(({ credentialId, transports }) => ({ id: credentialId, transports: transports as never }))
  return generateAuthenticationOptions({
    rpID: rpId,
    challenge: await newChallenge(app, { ceremony: 'authentication', browser, ...(user && { userId: user.id }) }),
    timeout: challengeTtl * 1000,
    userVerification: 'required',
    ...(allowCredentials && { allowCredentials })
  })
}

export interface PasskeySignIn { user: User, passkey: Passkey, amr: string[], acr: string }

/**
 * Verifies an assertion answering a challenge this browser was given; with `userId` (a second factor) the passkey must
 * be that user's. PasskeyRefused for anything else.
 */
export async function verifyPasskey (
  app: FastifyInstance, browser: string | undefined, json: string | undefined, expected: { userId?: string } = {}
): Promise<PasskeySignIn> {
  const response = parseCredential<AuthenticationResponseJSON>(json, 'assertion')
  const { challenge } = await takeChallenge(app, response.response.clientDataJSON, {
    ceremony: 'authentication', browser, ...(expected.userId !== undefined && { userId: expected.userId })
  })
  const passkey = await app.stores.passkeys.findByCredentialId(response.id)
  if (!passkey) throw new PasskeyRefused('unknown passkey')
  if (expected.userId !== undefined && passkey.userId !== expected.userId) throw new PasskeyRefused('another user\'s passkey')
  // A discoverable credential names its account: it must be the one the passkey was registered for.
  const handle = response.response.userHandle
  if (handle !== undefined && Buffer.from(handle, 'base64url').toString('utf8') !== passkey.userId) throw new PasskeyRefused('the user handle names another account')
  const { rpId, origin } = app.config.webauthn
  let verification
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      requireUserVerification: true,
      credential: { id: passkey.credentialId, publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>, counter: passkey.counter, transports: passkey.transports as never }
    })
  } catch (error) {
    throw new PasskeyRefused(`assertion refused: ${(error as Error).message}`)
  }
  const { verified, authenticationInfo } = verification
  if (!verified || !authenticationInfo.userVerified) throw new PasskeyRefused('assertion not verified')
  // The counter moves in the store, atomically: a cloned authenticator's assertion at the same count loses the race.
  if (!await app.stores.passkeys.recordUse(passkey.id, authenticationInfo.newCounter, authenticationInfo.credentialBackedUp)) {
    throw new PasskeyRefused('the signature counter did not advance')
  }
  const user = await app.stores.users.find(passkey.userId)
  if (!user) throw new PasskeyRefused('the account is gone')
  return { user, passkey, amr: passkeyAmr(passkey), acr: MULTI_FACTOR_ACR }
}
