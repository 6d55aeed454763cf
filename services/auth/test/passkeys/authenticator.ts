// A software WebAuthn authenticator for tests: a real ES256 key per credential, real CBOR attestation objects
// (format "none") and real signed assertions, so the ceremonies run through the library unmocked. Each deviation a
// test needs (another origin or RP ID, no user verification, a counter that goes back) is an option.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'

interface CborRecord { [key: string]: Cbor }
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | CborRecord

function head (major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value])
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value])
  if (value < 0x10000) return Buffer.from([(major << 5) | 25, value >> 8, value & 0xff])
  const out = Buffer.alloc(5)
  out[0] = (major << 5) | 26
  out.writeUInt32BE(value, 1)
  return out
}

/** The few CBOR items WebAuthn needs: integers, byte and text strings, maps. */
export function cbor (item: Cbor): Buffer {
  if (typeof item === 'number') return item >= 0 ? head(0, item) : head(1, -1 - item)
  if (typeof item === 'string') return Buffer.concat([head(3, Buffer.byteLength(item)), Buffer.from(item)])
  if (item instanceof Uint8Array) return Buffer.concat([head(2, item.length), item])
  const entries = item instanceof Map ? [...item] : Object.entries(item)
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([key, value]) => [cbor(key), cbor(value)])])
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()
const b64u = (data: Uint8Array) => Buffer.from(data).toString('base64url')

export interface Options { origin: string, rpId: string }
/** What a page's options hold that an authenticator reads. */
export interface CeremonyOptions { challenge: string, rp: { id?: string }, user: { id: string }, rpId?: string }
export interface Quirks { origin?: string, rpId?: string, userVerified?: boolean, counter?: number, userHandle?: string, challenge?: string }

interface Credential { id: Buffer, key: KeyObject, userHandle: string, counter: number, backupEligible: boolean }

export class SoftwareAuthenticator {
  readonly credentials: Credential[] = []

  constructor (readonly options: Options, readonly backupEligible = false) {}

  #authData (rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4)
    count.writeUInt32BE(counter)
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])])
  }

  #flags (quirks: Quirks, credential: { backupEligible: boolean }, attested: boolean): number {
    // UP, UV unless told otherwise, BE and BS for a synced key, AT when a credential is attached.
    return 0x01 | (quirks.userVerified === false ? 0 : 0x04) | (credential.backupEligible ? 0x18 : 0) | (attested ? 0x40 : 0)
  }

  #clientData (type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
  }

  /** navigator.credentials.create() answering `options` (PublicKeyCredentialCreationOptionsJSON), as its JSON. */
  register (options: { challenge: string, rp: { id?: string }, user: { id: string } }, quirks: Quirks = {}): string {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const jwk = publicKey.export({ format: 'jwk' })
    const credential: Credential = { id: randomBytes(32), key: privateKey, userHandle: options.user.id, counter: quirks.counter ?? 0, backupEligible: this.backupEligible }
    this.credentials.push(credential)
    const coseKey = new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]])
    const idLength = Buffer.alloc(2)
    idLength.writeUInt16BE(credential.id.length)
    const attested = Buffer.concat([Buffer.alloc(16), idLength, credential.id, cbor(coseKey)])
    const authData = this.#authData(quirks.rpId ?? options.rp.id ?? this.options.rpId, this.#flags(quirks, credential, true), credential.counter, attested)
    const clientData = this.#clientData('webauthn.create', quirks.challenge ?? options.challenge, quirks.origin ?? this.options.origin)
    return JSON.stringify({
      id: b64u(credential.id),
      rawId: b64u(credential.id),
      type: 'public-key',
      response: { clientDataJSON: b64u(clientData), attestationObject: b64u(cbor({ fmt: 'none', attStmt: {}, authData })), transports: ['internal'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform'
    })
  }

  /** navigator.credentials.get() answering `options` with the credential `index` (the newest by default), as its JSON. */
  assert (options: { challenge: string, rpId?: string }, quirks: Quirks = {}, index = this.credentials.length - 1): string {
    const credential = this.credentials[index]!
    credential.counter = quirks.counter ?? credential.counter + 1
    const authData = this.#authData(quirks.rpId ?? options.rpId ?? this.options.rpId, this.#flags(quirks, credential, false), credential.counter)
    const clientData = this.#clientData('webauthn.get', quirks.challenge ?? options.challenge, quirks.origin ?? this.options.origin)
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), credential.key)
    return JSON.stringify({
      id: b64u(credential.id),
      rawId: b64u(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData), authenticatorData: b64u(authData), signature: b64u(signature), userHandle: quirks.userHandle ?? credential.userHandle
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform'
    })
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)

/** The WebAuthn options a page's ceremony form carries. */
export function ceremonyOptions<T = CeremonyOptions> (page: string): T {
  const found = /data-options="([^"]*)"/.exec(page)
  if (!found) throw new Error(`no ceremony form on the page: ${page.slice(0, 500)}`)
  return JSON.parse(unescape(found[1]!)) as T
}

/** The hidden fields of the page's form posting to `action`. */
export function formFields (page: string, action: string): Record<string, string> {
  const form = [...page.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].find(([, target]) => unescape(target!) === action)
  if (!form) throw new Error(`no form posting to ${action}`)
  return Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name!, unescape(value!)]))
}
