// WebAuthn challenges: random, kept server-side for one ceremony in one browser (and for one user where it names one),
// found again by the challenge the authenticator signed, and usable once.
import type { FastifyInstance } from 'fastify'
import { randomBytes } from 'node:crypto'
import { sha256 } from '../../crypto/hash.js'
import type { WebAuthnChallengeRecord } from '../../storage/types.js'

/** Why a ceremony's answer is refused; the page says only that the passkey could not be used. */
export class PasskeyRefused extends Error {
  override name = 'PasskeyRefused'
}

/** 32 random bytes for the options; kept by the hash of their base64url form, which the client data carries. */
export async function newChallenge (app: FastifyInstance, record: WebAuthnChallengeRecord): Promise<Uint8Array<ArrayBuffer>> {
  const challenge = new Uint8Array(randomBytes(32))
  await app.stores.webauthnChallenges.save(sha256(Buffer.from(challenge).toString('base64url')), record, app.config.webauthn.challengeTtl)
  return challenge
}

/** A credential as the browser sent it (PublicKeyCredential JSON): parsed, its outline checked, or refused. */
export function parseCredential<T> (json: string | undefined, kind: 'attestation' | 'assertion'): T & { id: string, response: { clientDataJSON: string } } {
  let value: unknown
  try { value = JSON.parse(json ?? '') } catch { throw new PasskeyRefused('the credential is not JSON') }
  const credential = value as { id?: unknown, rawId?: unknown, type?: unknown, response?: Record<string, unknown> } | null
  const field = kind === 'attestation' ? 'attestationObject' : 'signature'
  if (typeof credential !== 'object' || credential === null || typeof credential.id !== 'string' || credential.id === '' ||
    credential.type !== 'public-key' || typeof credential.response !== 'object' || credential.response === null ||
    typeof credential.response.clientDataJSON !== 'string' || typeof credential.response[field] !== 'string') {
    throw new PasskeyRefused('the credential is malformed')
  }
  if (typeof credential.rawId !== 'string') (credential as { rawId: string }).rawId = credential.id
  if (typeof (credential as { clientExtensionResults?: unknown }).clientExtensionResults !== 'object') {
    (credential as { clientExtensionResults: object }).clientExtensionResults = {}
  }
  return credential as T & { id: string, response: { clientDataJSON: string } }
}

/**
 * Takes the challenge the authenticator signed over: it must have been issued for this ceremony, to this browser, and
 * (when `userId` is given) for this user. Taken whatever the outcome, so that each challenge is answered once.
 */
export async function takeChallenge (
  app: FastifyInstance, clientDataJSON: string, expected: { ceremony: WebAuthnChallengeRecord['ceremony'], browser: string | undefined, userId?: string }
): Promise<{ challenge: string, record: WebAuthnChallengeRecord }> {
  let challenge: unknown
  try { challenge = (JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }).challenge } catch {}
  if (typeof challenge !== 'string' || challenge.length > 200) throw new PasskeyRefused('no challenge in the client data')
  const record = await app.stores.webauthnChallenges.take(sha256(challenge))
  if (!record) throw new PasskeyRefused('unknown, expired or used challenge')
  if (record.ceremony !== expected.ceremony) throw new PasskeyRefused('a challenge of another ceremony')
  if (expected.browser === undefined || record.browser !== expected.browser) throw new PasskeyRefused('a challenge shown to another browser')
  if (expected.userId !== undefined && record.userId !== expected.userId) throw new PasskeyRefused('a challenge issued for another user')
  return { challenge, record }
}
