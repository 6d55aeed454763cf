// Adding a passkey: options that ask for a discoverable credential and user verification, and the check of the
// authenticator's answer (attestation "none": we trust the key, not a maker's certificate).
import type { FastifyInstance } from 'fastify'
import {
  generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON
} from '@simplewebauthn/server'
import type { Passkey, User } from '../../storage/types.js'
import { newChallenge, parseCredential, PasskeyRefused, takeChallenge } from './challenges.js'

export const RP_NAME = 'Keyhold'

/** The WebAuthn user handle: the account's id, which says nothing about the person. */
export const userHandle = (user: User): Uint8Array => new TextEncoder().encode(user.id)

export async function registrationOptions (app: FastifyInstance, user: User, browser: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpId, challengeTtl } = app.config.webauthn
  const existing = await app.stores.passkeys.list(user.id)
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rpId,
    userName: user.username,
    userDisplayName: user.name ?? user.username,
    userID: userHandle(user) as Uint8Array<ArrayBuffer>,
    challenge: await newChallenge(app, { ceremony: 'registration', browser, userId: user.id }),
    timeout: challengeTtl * 1000,
    attestationType: 'none',
    // The same authenticator twice would only be a second name for one key.
    excludeCredentials: existing.map(({ credentialId, transports }) => ({ id: credentialId, transports: transports as never })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -257]
  })
}

/** Checks the browser's answer and stores the new passkey; PasskeyRefused for anything but a good answer. */
export async function addPasskey (
  app: FastifyInstance, user: User, browser: string | undefined, json: string | undefined, name: string
): Promise<Passkey> {
  const response = parseCredential<RegistrationResponseJSON>(json, 'attestation')
  const { challenge } = await takeChallenge(app, response.response.clientDataJSON, { ceremony: 'registration', browser, userId: user.id })
  const { rpId, origin, maxPasskeys } = app.config.webauthn
  let verification
  try {
    verification = await verifyRegistrationResponse({
      response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: rpId, requireUserVerification: true
    })
  } catch (error) {
    throw new PasskeyRefused(`registration refused: ${(error as Error).message}`)
  }
  if (!verification.verified) throw new PasskeyRefused('registration not verified')
  const { credential, credentialBackedUp, credentialDeviceType } = verification.registrationInfo
  const added = await app.stores.passkeys.add({
    userId: user.id,
    credentialId: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: (credential.transports ?? []).slice(0, 10),
    name,
    backupEligible: credentialDeviceType === 'multiDevice',
    backedUp: credentialBackedUp
  }, maxPasskeys)
  if (added === 'taken') throw new PasskeyRefused('this passkey is registered already')
  if (added === 'too_many') throw new PasskeyRefused(`at most ${maxPasskeys} passkeys per account`)
  return added
}
