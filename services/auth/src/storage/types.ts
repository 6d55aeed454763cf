// The storage the protocol code needs, declared by it; pg/ and redis/ implement it.
import type { JsonWebKey } from 'node:crypto'
import type { AccessTokenClaims } from '@keyhold/contracts'
import type { SigningAlgorithm } from '@keyhold/service-kit/jose'
import type { ApiFields } from '../apis/api.js'
import type { Client, ClientFields } from '../clients/client.js'

export interface ClientStore {
  find (id: string): Promise<Client | undefined>
  list (limit: number, after?: string): Promise<Client[]>
  /** `registrationTokenHash` only for a client registered dynamically, which manages itself with that token. */
  create (id: string, secretHash: string | null, fields: ClientFields, registrationTokenHash?: string): Promise<Client>
  update (id: string, fields: ClientFields): Promise<Client | undefined>
  /** The keyed hash of the client's registration access token, read afresh; undefined for no client or none. */
  registrationTokenHash (id: string): Promise<string | undefined>
  /**
   * Replaces a registered client's metadata and its registration access token in one step, only while the token is
   * still `currentTokenHash`: of updates racing with one token, one wins. undefined when it was not.
   */
  updateRegistered (id: string, currentTokenHash: string, nextTokenHash: string, fields: ClientFields): Promise<Client | undefined>
  setSecretHash (id: string, secretHash: string): Promise<boolean>
  delete (id: string): Promise<boolean>
  /** Whether any client has a redirect URI at this web origin (see webOriginsOf). */
  registersWebOrigin (origin: string): Promise<boolean>
}

/** An API as stored: the identity service's row has no identifier (it is the issuer) and only introspectors. */
export interface StoredApi extends Omit<ApiFields, 'identifier'> {
  id: string
  identifier: string | null
}

/** Why an API could not be written: a clash with another API, or a client it names that does not exist. */
export type ApiConflict = 'identifier_taken' | 'scope_taken' | 'unknown_client'

/** The API registry: few rows, read whole. */
export interface ApiStore {
  all (): Promise<StoredApi[]>
  create (id: string, fields: ApiFields): Promise<StoredApi | ApiConflict>
  /** Replaces the definition; 'scope_in_use' when a scope it would drop is still allowed to a client. */
  replace (id: string, fields: ApiFields): Promise<StoredApi | ApiConflict | 'scope_in_use' | undefined>
  setIntrospectors (id: string, clientIds: readonly string[]): Promise<boolean | 'unknown_client'>
  /** 'in_use' while a client is allowed one of its scopes. */
  delete (id: string): Promise<'deleted' | 'in_use' | 'unknown'>
}

export interface SigningKeyRecord {
  kid: string
  alg: SigningAlgorithm
  /** The private key as PKCS#8 PEM; stores keep it encrypted at rest. */
  privateKeyPem: string
  publicJwk: JsonWebKey
  createdAt: Date
  rotatedAt: Date | null
}

export interface SigningKeyStore {
  /** Keys newest first, leaving out those rotated away before `rotatedSince`. */
  published (rotatedSince: Date): Promise<SigningKeyRecord[]>
  /** Adds a key and marks every earlier key of its algorithm as rotated. */
  add (key: Omit<SigningKeyRecord, 'createdAt' | 'rotatedAt'>): Promise<void>
  /** Adds the key unless a current key of its algorithm exists (another instance may have added one); the current key. */
  addFirst (key: Omit<SigningKeyRecord, 'createdAt' | 'rotatedAt'>): Promise<SigningKeyRecord>
  /** Adds the key as `add` does when the newest key of its algorithm was made before `olderThan`; whether it did. */
  addIfOlder (key: Omit<SigningKeyRecord, 'createdAt' | 'rotatedAt'>, olderThan: Date): Promise<boolean>
}

/** An access token as recorded: its claims and, for a token issued in a grant, the grant, which ending ends it. */
export interface AccessTokenRecord {
  claims: AccessTokenClaims
  grantId?: string
}

export interface AccessTokenStore {
  save (tokenHash: string, record: AccessTokenRecord, ttlSeconds: number): Promise<void>
  find (tokenHash: string): Promise<AccessTokenRecord | undefined>
  /** Deletes the token's record and announces its jti; false when there was none. */
  revoke (tokenHash: string): Promise<boolean>
  /** Announces that every token of the client has ended (the client was deleted), for caches of answers to drop them. */
  announceClientEnded (clientId: string): Promise<void>
}

export interface RevocationListener {
  onNotice (notice: string): void
  /** Notices may have been missed (the subscription to Redis was lost): whoever passes them on must say so. */
  onGap (): void
}

/** The revocation notices the access-token store announces (see @keyhold/contracts' revocation feed), as they come. */
export interface RevocationNotices {
  /** False while notices may be being missed. */
  readonly live: boolean
  /** Hands `listener` every notice until the returned function is called. */
  subscribe (listener: RevocationListener): () => void
}

/** Whether an attempt was counted, and seconds until its key's window ends. */
export interface Reservation {
  allowed: boolean
  resetsIn: number
}

/** Fixed-window counts of attempts at guessable credentials, per key; each window opens with its first count. */
export interface FailureCounter {
  /** Attempts counted under `key` in its current window, and seconds until the window ends. */
  current (key: string): Promise<{ failures: number, resetsIn: number }>
  /**
   * Atomically counts one attempt under `key` unless `max` are counted already: of many concurrent calls at most
   * `max` are allowed per window. Attempts refused are not counted, so they do not prolong anything.
   */
  reserve (key: string, max: number, windowSeconds: number): Promise<Reservation>
  /** Takes back one counted attempt, never going below zero; once none is left the window ends. */
  forgive (key: string): Promise<void>
}

/** The addresses each account signed in from lately, by the enforced form of its username. */
export interface KnownAddressStore {
  /** Notes a sign-in from `address`, known from now for `ttlSeconds`. */
  remember (usernameKey: string, address: string, ttlSeconds: number): Promise<void>
  isKnown (usernameKey: string, address: string): Promise<boolean>
}

/** The assertions clients authenticated with (private_key_jwt), by client and jti, each kept until it expires. */
export interface UsedAssertionStore {
  /**
   * Records the assertion `jtiHash` of `clientId` for `ttlSeconds` unless it is recorded already: true for its first
   * use, false for a replay. Of many concurrent calls with the same jti exactly one gets true.
   */
  use (clientId: string, jtiHash: string, ttlSeconds: number): Promise<boolean>
}

/** An account, with the OpenID Connect standard claims (Core 1.0 §5.1) it has; its username is preferred_username. */
export interface User {
  id: string
  username: string
  email?: string
  /** False until the address is proven the user's; a new address starts unverified. */
  emailVerified: boolean
  name?: string
  givenName?: string
  familyName?: string
  createdAt: Date
  /** Changes whenever the username or a claim does. */
  updatedAt: Date
}

/** A username as shown, and its enforced form (RFC 8265), which alone is compared and unique. */
export interface Username {
  name: string
  key: string
}

/** An email address as given, and its key (the address in lower case), which alone is compared and unique. */
export interface EmailAddress {
  address: string
  key: string
}

/** The claims a user sets themselves, already validated and normalised. */
export interface UserClaims {
  email?: EmailAddress
  name?: string
  givenName?: string
  familyName?: string
}

/** Changes to claims: a value sets one, null removes it, absent leaves it. */
export type UserClaimChanges = { [Claim in keyof UserClaims]?: UserClaims[Claim] | null }

/** Why an account cannot have what was asked: its username's enforced form, or its email key, is another's. */
export type AccountClash = 'taken' | 'email_taken'

export interface UserStore {
  create (username: Username, passwordHash: string, claims?: UserClaims): Promise<User | AccountClash>
  find (id: string): Promise<User | undefined>
  /** The user and their password hash, by the enforced form of the username. */
  findCredentials (usernameKey: string): Promise<{ user: User, passwordHash: string } | undefined>
  /** The user and their password hash, by the key of their email address (see EmailAddress). */
  findByEmail (emailKey: string): Promise<{ user: User, passwordHash: string } | undefined>
  /**
   * Marks the user's email address verified, only while it is still `email` (exactly as it was when the proof was
   * sent): a proof of an address the user has since replaced verifies nothing. undefined when it was not.
   */
  markEmailVerified (id: string, email: string): Promise<User | undefined>
  list (limit: number, after?: string): Promise<User[]>
  /** undefined when there is no such user. A new email address is unverified, even one that differs only in case. */
  update (id: string, fields: UserClaimChanges & { username?: Username, passwordHash?: string }): Promise<User | AccountClash | undefined>
  delete (id: string): Promise<boolean>
}

/**
 * An administrator's permission for a client to trade an access token for `sourceApi` holding `sourceScope` for a
 * token for `targetApi` with `targetScopes` (RFC 8693); with `impersonation`, the new token may leave the client out.
 */
/** A user's TOTP factor (RFC 6238): its sealed secret, whether its first code confirmed it, and the last step accepted. */
export interface TotpFactor {
  sealedSecret: string
  confirmed: boolean
  lastStep: number
}

/** The second factors of users, in Postgres: a TOTP secret each, and recovery codes by their keyed hash. */
export interface SecondFactorStore {
  totp (userId: string): Promise<TotpFactor | undefined>
  /** Starts an enrolment with a new unconfirmed secret, replacing an unconfirmed one; false when one is confirmed. */
  startTotp (userId: string, sealedSecret: string): Promise<boolean>
  /**
   * Accepts the time step `step` once: true only when the factor is there (confirmed, or unconfirmed with `confirming`,
   * which confirms it) and `step` is later than every step accepted before. Of concurrent calls for one step, one wins.
   */
  acceptTotpStep (userId: string, step: number, options?: { confirming?: boolean }): Promise<boolean>
  /** False when the user had no TOTP factor. */
  removeTotp (userId: string): Promise<boolean>
  /** Replaces every recovery code of the user with these hashes. */
  replaceRecoveryCodes (userId: string, codeHashes: string[]): Promise<void>
  /** Uses up the code with this hash; true for exactly one of many concurrent uses of an unused code. */
  useRecoveryCode (userId: string, codeHash: string): Promise<boolean>
  /** How many unused recovery codes the user has. */
  recoveryCodesLeft (userId: string): Promise<number>
  removeRecoveryCodes (userId: string): Promise<void>
}

export interface ExchangePolicy {
  id: string
  clientId: string
  sourceApi: string
  sourceScope: string
  targetApi: string
  targetScopes: string[]
  impersonation: boolean
  createdAt: Date
  updatedAt: Date
}

export type ExchangePolicyFields = Omit<ExchangePolicy, 'id' | 'createdAt' | 'updatedAt'>

export interface ExchangePolicyStore {
  /** undefined when the policy's client does not exist. */
  create (fields: ExchangePolicyFields): Promise<ExchangePolicy | undefined>
  find (id: string): Promise<ExchangePolicy | undefined>
  /** Ordered by id, after `after`. */
  list (limit: number, after?: string): Promise<ExchangePolicy[]>
  /** undefined when there is no such policy; 'unknown_client' when the new client does not exist. */
  replace (id: string, fields: ExchangePolicyFields): Promise<ExchangePolicy | 'unknown_client' | undefined>
  delete (id: string): Promise<boolean>
  /** The policies letting `clientId` exchange tokens for `targetApi`. */
  forTarget (clientId: string, targetApi: string): Promise<ExchangePolicy[]>
}

/** What a user has granted a client on the consent page, and when they first did. */
export interface Consent {
  clientId: string
  scopes: string[]
  createdAt: Date
}

export interface ConsentStore {
  /** The scopes the user has granted the client so far; undefined when the user never consented to it. */
  granted (userId: string, clientId: string): Promise<string[] | undefined>
  /** Adds scopes to those granted. */
  grant (userId: string, clientId: string, scopes: readonly string[]): Promise<void>
  /** Every consent the user has given, oldest first. */
  list (userId: string): Promise<Consent[]>
  /** Withdraws the user's consent to the client: the next request asks again. False when there was none. */
  withdraw (userId: string, clientId: string): Promise<boolean>
}

/** A passkey: a WebAuthn credential a user registered, with what verifying its assertions needs. */
export interface Passkey {
  id: string
  userId: string
  /** The authenticator's id for the credential, base64url. */
  credentialId: string
  /** The COSE public key. */
  publicKey: Uint8Array
  /** The signature counter last seen (0 for authenticators that keep none). */
  counter: number
  /** How the browser may reach the authenticator (internal, usb, hybrid …), as it said at registration. */
  transports: string[]
  name: string
  /** Whether the key may be copied off its authenticator (a synced passkey), and whether it has been (BE, BS flags). */
  backupEligible: boolean
  backedUp: boolean
  createdAt: Date
  lastUsedAt?: Date
}

export type NewPasskey = Omit<Passkey, 'id' | 'createdAt' | 'lastUsedAt'>

export interface PasskeyStore {
  /** 'taken' when some account has this credential id already; 'too_many' when the user has `max` passkeys. */
  add (passkey: NewPasskey, max: number): Promise<Passkey | 'taken' | 'too_many'>
  /** The user's passkeys, oldest first. */
  list (userId: string): Promise<Passkey[]>
  findByCredentialId (credentialId: string): Promise<Passkey | undefined>
  /** Renames one of the user's passkeys: undefined when the user has no such passkey. */
  rename (userId: string, id: string, name: string): Promise<Passkey | undefined>
  /** Removes one of the user's passkeys: the passkey removed, or undefined when the user has none of that id. */
  remove (userId: string, id: string): Promise<Passkey | undefined>
  /**
   * Records a use whose assertion carried `counter`: true when that moves the stored counter forward, or both are 0 (an
   * authenticator that keeps no counter). False for a counter that did not advance, even against a use at the same time.
   */
  recordUse (id: string, counter: number, backedUp: boolean): Promise<boolean>
}

/** What a WebAuthn challenge was issued for: a ceremony, in one browser, and for registration or a second factor, a user. */
export interface WebAuthnChallengeRecord {
  ceremony: 'registration' | 'authentication'
  /** The hash of the browser id the challenge was shown to. */
  browser: string
  /** The user it was issued for: the signed-in one at registration, the one past their password for a second factor. */
  userId?: string
}

/** Challenges waiting for their ceremony's answer, by the hash of the challenge; each is taken at most once. */
export interface WebAuthnChallengeStore {
  save (challengeHash: string, record: WebAuthnChallengeRecord, ttlSeconds: number): Promise<void>
  /** The record, removed: of many concurrent takes exactly one gets it. */
  take (challengeHash: string): Promise<WebAuthnChallengeRecord | undefined>
}

/** How and when the user signed in, as an id_token tells it (OpenID Connect Core §2). */
export interface Authentication {
  /** Seconds since the epoch when the user last entered their credentials. */
  authTime: number
  /** How they did (RFC 8176 method names). */
  amr: string[]
  /** The level that sign-in meets (see ACR_VALUES). */
  acr: string
  /** The browser session it started; absent where there is none (the password grant). */
  sid?: string
}

export interface AuthorizationCodeRecord {
  clientId: string
  redirectUri: string
  /** Whether the authorization request named redirect_uri, so the token request must repeat it (RFC 6749 §4.1.3). */
  redirectUriGiven: boolean
  /** S256 PKCE challenge, when the request carried one. */
  codeChallenge?: string
  userId: string
  username: string
  scopes: string[]
  /** The APIs the authorization request named with `resource` (RFC 8707). */
  resources?: string[]
  /** The authorization request's nonce, for the id_token (OpenID Connect Core §3.1.2.1). */
  nonce?: string
  authentication?: Authentication
}

export type CodeRedemption =
  | { outcome: 'redeemed' }
  /** The code was redeemed before; `grantId` names the grant its tokens belong to. */
  | { outcome: 'replayed', grantId: string }
  | { outcome: 'unknown' }

export interface AuthorizationCodeStore {
  save (codeHash: string, record: AuthorizationCodeRecord, ttlSeconds: number): Promise<void>
  /** The code's record while it lives, redeemed or not. */
  find (codeHash: string): Promise<AuthorizationCodeRecord | undefined>
  /** Atomically marks the code redeemed into `grantId`: of many concurrent calls exactly one gets 'redeemed'. */
  redeem (codeHash: string, grantId: string): Promise<CodeRedemption>
}

export interface RefreshTokenRecord {
  /** The grant (token family) the token belongs to: every token rotated from one authorization. */
  grantId: string
  clientId: string
  userId: string
  username: string
  scopes: string[]
  /** The APIs the grant's authorization named with `resource` (RFC 8707). */
  resources?: string[]
  /** Seconds since the epoch. */
  issuedAt: number
  expiresAt: number
  /** When the grant began (seconds since the epoch): no token of it outlives this plus the grant's longest life. */
  grantStartedAt?: number
  /** The user granted the scopes on the consent page: a refresh issues only what that consent still covers. */
  throughConsent?: boolean
  /** The sign-in the grant came from: id_tokens issued on refresh repeat its auth_time (OpenID Connect Core §12.2). */
  authentication?: Authentication
}

export type Rotation = 'rotated' | 'replayed' | 'unknown'

/** Refresh tokens and the grants (families) they and their access tokens belong to. */
export interface RefreshTokenStore {
  /** Stores a refresh token as the grant's current one; false (and nothing stored) when the grant was revoked. */
  issue (tokenHash: string, record: RefreshTokenRecord, ttlSeconds: number): Promise<boolean>
  /** The token's record while it lives and its grant stands; `rotated` once it has been exchanged. */
  find (tokenHash: string): Promise<(RefreshTokenRecord & { rotated: boolean }) | undefined>
  /**
   * Atomically exchanges the token for its successor: of many concurrent calls with one token exactly one
   * gets 'rotated'; the others, and any later call, get 'replayed'.
   */
  rotate (tokenHash: string, successorHash: string, successor: RefreshTokenRecord, ttlSeconds: number): Promise<Rotation>
  /** Records an access token as issued in the grant; false when the grant was revoked. */
  addAccessToken (grantId: string, accessTokenHash: string, ttlSeconds: number): Promise<boolean>
  /** Ends the grant for good: its refresh tokens die, and the hashes of its access tokens are returned for revoking. */
  revokeGrant (grantId: string, ttlSeconds: number): Promise<string[]>
}

/** A grant as a user's index knows it: which client holds it, since when (seconds since the epoch). */
export interface IndexedGrant {
  grantId: string
  /** Absent for a grant indexed before clients were noted. */
  clientId?: string
  startedAt?: number
}

/**
 * Which grants each user holds, so that deleting an account can end them all, and the user can see and end those of
 * one client. A grant stays listed after it ends, until the index's TTL (its longest grant) runs out.
 */
export interface UserGrantIndex {
  add (userId: string, grant: Required<IndexedGrant>, ttlSeconds: number): Promise<void>
  list (userId: string): Promise<IndexedGrant[]>
  /** Removes and returns the grants recorded for the user with the client. */
  takeClient (userId: string, clientId: string): Promise<string[]>
  /** Removes and returns every grant recorded for the user. */
  take (userId: string): Promise<string[]>
}

/**
 * The grants each client's users gave it, so that deleting the client ends them (and their refresh tokens) at that
 * moment. A client's own access tokens are not listed: they die with the client's record (see findActiveAccessToken).
 */
export interface ClientGrantIndex {
  /** Records a grant of the client for `ttlSeconds`; false when the client was closed, so the grant must end. */
  add (clientId: string, grantId: string, ttlSeconds: number): Promise<boolean>
  /** Removes and returns the client's grants that still live; for `ttlSeconds` none can be added for it. */
  close (clientId: string, ttlSeconds: number): Promise<string[]>
}

export interface SessionRecord {
  userId: string
  username: string
  /** Seconds since the epoch when the user entered their password. */
  authTime: number
  /** The session's public id, the `sid` of id_tokens and logout tokens; absent in sessions stored before it existed. */
  sid?: string
  /** How the user signed in (RFC 8176). */
  amr?: string[]
  /** The level the sign-in met (see ACR_VALUES); a session without one met the password level. */
  acr?: string
  /** The browser's User-Agent at sign-in (cut short), and its address, for the user to recognise the session by. */
  userAgent?: string
  address?: string
  /** Seconds since the epoch when the session was last used, to the minute (see SessionStore.touch). */
  lastSeen?: number
}

/** What took part in a session: a client answered in it, and the grants started from it. */
export interface SessionParticipant {
  clientId: string
  grantId?: string
  /** The grant holds offline_access: it outlives the session (OpenID Connect Core §11). */
  offline?: boolean
}

/** A session as it ended, with every client and grant that took part in it. */
export interface EndedSession {
  record: SessionRecord
  clients: string[]
  grants: Array<{ grantId: string, clientId: string, offline: boolean }>
}

/**
 * Browser sign-ins, by the hash of the id their cookie carries, indexed per user so that all of them can end at once,
 * with who took part in each (by sid), so that ending one can end its grants and tell its clients.
 */
export interface SessionStore {
  create (sessionHash: string, record: SessionRecord, ttlSeconds: number): Promise<void>
  find (sessionHash: string): Promise<SessionRecord | undefined>
  /** Notes that the live session was used at `lastSeen`, keeping its expiry; nothing when it has ended. */
  touch (sessionHash: string, lastSeen: number): Promise<void>
  /** The user's live sessions, by hash. */
  listForUser (userId: string): Promise<Array<{ sessionHash: string, record: SessionRecord }>>
  /** Notes a participant of the session `sid` for as long as the session may live. */
  join (sid: string, participant: SessionParticipant, ttlSeconds: number): Promise<void>
  /** The clients that took part in the session `sid`, so far. */
  participants (sid: string): Promise<string[]>
  /** Ends the session; of concurrent calls one gets it, with who took part. */
  end (sessionHash: string): Promise<EndedSession | undefined>
  /** Ends every session of the user (a new password, a deleted account). */
  endUserSessions (userId: string): Promise<EndedSession[]>
}

export interface PushedRequestRecord {
  clientId: string
  /** The authorization request's parameters as pushed; `resource` may be repeated. */
  parameters: Record<string, string | string[]>
}

export interface PushedRequestStore {
  save (requestHash: string, record: PushedRequestRecord, ttlSeconds: number): Promise<void>
  find (requestHash: string): Promise<PushedRequestRecord | undefined>
  /** Removes the request; true for exactly one of many concurrent calls. */
  consume (requestHash: string): Promise<boolean>
}

export type AuthorizationResponseType = 'code' | 'token' | 'id_token' | 'id_token token'
export type ResponseMode = 'query' | 'fragment' | 'form_post'
export type Prompt = 'none' | 'login' | 'consent'

/** An authorization request as /authorize checked it (RFC 6749 §4.1.1, §4.2.1, OpenID Connect Core §3.1.2.1). */
export interface CheckedAuthorizationRequest {
  clientId: string
  redirectUri: string
  /** Whether the request named its redirect_uri: then the token request must name it too (RFC 6749 §4.1.3). */
  redirectUriGiven: boolean
  state?: string
  /** Where the response goes: the query for codes, the fragment for tokens (RFC 6749 §4.2.2), or a posted form. */
  mode: ResponseMode
  responseType: AuthorizationResponseType
  scopes: string[]
  /** The registered APIs `resource` named (RFC 8707), by identifier. */
  resources?: string[]
  codeChallenge?: string
  nonce?: string
  prompt?: Prompt[]
  /** Seconds a sign-in may be old for this request (max_age). */
  maxAge?: number
  /** With prompt=login or a sign-in older than max_age: the sign-in then present, which cannot answer. */
  replacesSignIn?: string
  /** Only a sign-in with two factors (acr '2') may answer: asked for by acr_values, or required of the client or of all. */
  requiresSecondFactor?: true
  /** A username to fill in on the sign-in page. */
  loginHint?: string
  /** The subject of the id_token_hint: only that user's sign-in answers the request. */
  hintSubject?: string
  /** Hash of the pushed request this came from, to be used up when the request is answered. */
  pushedRequest?: string
}

export interface PendingAuthorizationRecord {
  /** Hash of the browser id whose cookie must come with every step of the request. */
  browser: string
  request: CheckedAuthorizationRequest
}

/** Authorization requests between /authorize and the user's answer, kept here so the pages carry only an id. */
export interface PendingAuthorizationStore {
  save (requestHash: string, record: PendingAuthorizationRecord, ttlSeconds: number): Promise<void>
  find (requestHash: string): Promise<PendingAuthorizationRecord | undefined>
  /** Removes and returns the request; exactly one of many concurrent calls gets it. */
  take (requestHash: string): Promise<PendingAuthorizationRecord | undefined>
}

/** A request to send once to a URL a client registered (a back-channel logout token, a webhook). */
export interface DeliveryJob {
  /** Names the job in the queue: a second job of the same id is not queued while the first is. */
  id: string
  /** What the job is for (`backchannel-logout` …), for logs. */
  kind: string
  url: string
  contentType: string
  /** Sent as is; it may hold tokens, so it is never logged and not kept in the dead letters. */
  body: string
}

/** What acknowledges a claimed job: only the worker holding its current lease can. */
export interface DeliveryClaim {
  id: string
  lease: string
}

export interface ClaimedDelivery extends DeliveryJob, DeliveryClaim {
  /** Attempts made before this one. */
  attempts: number
  /** Milliseconds since the epoch. */
  enqueuedAt: number
}

/** A job given up on, kept for operators to look at: everything but its body. */
export interface DeadLetter extends Omit<DeliveryJob, 'body'> {
  attempts: number
  lastError: string
  /** Milliseconds since the epoch. */
  enqueuedAt: number
  failedAt: number
}

export interface DeadLetterRetention {
  ttlSeconds: number
  max: number
}

/**
 * Jobs waiting to be delivered, each due at a time. A worker claims due jobs under a lease: no one else can claim
 * them until it runs out, and if the worker never acknowledges (it died mid-delivery) they are due again then.
 * Every acknowledgement names the lease, and is refused (false) once the lease has passed to another worker.
 */
export interface DeliveryQueue {
  /** Queues the job, due now, kept `ttlSeconds` from its latest write; false (nothing changed) when its id is queued already. */
  enqueue (job: DeliveryJob, ttlSeconds: number): Promise<boolean>
  /** Atomically leases up to `max` due jobs, earliest due first, for `leaseMs`: of concurrent claims, each job goes to one. */
  claim (max: number, leaseMs: number): Promise<ClaimedDelivery[]>
  /** The job was delivered: it leaves the queue. */
  succeed (claim: DeliveryClaim): Promise<boolean>
  /** The attempt failed: one more attempt counted, the job due again at `dueAt` (ms since the epoch), kept `ttlSeconds` more. */
  retry (claim: DeliveryClaim, dueAt: number, lastError: string, ttlSeconds: number): Promise<boolean>
  /**
   * The job is given up on (its last attempt failed, or its URL is refused): it leaves the queue, this attempt counted,
   * and joins the newest dead letters, of which at most `keep.max` are kept, all for `keep.ttlSeconds` after the newest.
   */
  deadLetter (claimed: ClaimedDelivery, lastError: string, keep: DeadLetterRetention): Promise<boolean>
  /** The newest dead letters first. */
  deadLetters (limit: number): Promise<DeadLetter[]>
}

/** What a token mailed to an account's owner proves: that they read mail at an address, or may set a new password. */
export type AccountTokenPurpose = 'verify-email' | 'reset-password'

export interface AccountTokenRecord {
  userId: string
  /** For verify-email: the address the link was sent to, the only one it can verify. */
  email?: string
  /** For reset-password: a keyed hash of the password hash when the link was sent; once that changes, the link is void. */
  passwordStamp?: string
}

/** Single-use tokens mailed to account owners, by purpose and the hash of the token; the token itself is never stored. */
export interface AccountTokenStore {
  save (purpose: AccountTokenPurpose, tokenHash: string, record: AccountTokenRecord, ttlSeconds: number): Promise<void>
  /** The token's record while it lives and is unused, leaving it so. */
  find (purpose: AccountTokenPurpose, tokenHash: string): Promise<AccountTokenRecord | undefined>
  /** Removes and returns the token's record: of many concurrent calls exactly one gets it. */
  take (purpose: AccountTokenPurpose, tokenHash: string): Promise<AccountTokenRecord | undefined>
}

/** The stores kept in Redis (or, without it, in memory): everything short-lived. */
export type ShortLivedStores = Omit<Stores, 'clients' | 'apis' | 'signingKeys' | 'users' | 'consents' | 'exchangePolicies' | 'passkeys' | 'secondFactors'>

export interface Stores {
  clients: ClientStore
  apis: ApiStore
  signingKeys: SigningKeyStore
  accessTokens: AccessTokenStore
  failures: FailureCounter
  knownAddresses: KnownAddressStore
  usedAssertions: UsedAssertionStore
  users: UserStore
  consents: ConsentStore
  exchangePolicies: ExchangePolicyStore
  secondFactors: SecondFactorStore
  authorizationCodes: AuthorizationCodeStore
  refreshTokens: RefreshTokenStore
  userGrants: UserGrantIndex
  clientGrants: ClientGrantIndex
  sessions: SessionStore
  pushedRequests: PushedRequestStore
  pendingAuthorizations: PendingAuthorizationStore
  deliveryQueue: DeliveryQueue
  passkeys: PasskeyStore
  webauthnChallenges: WebAuthnChallengeStore
  accountTokens: AccountTokenStore
}
