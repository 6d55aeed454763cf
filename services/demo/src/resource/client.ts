// Calls the resource service on the signed-in user's behalf with their bearer access token (RFC 6750).
import { Call, CallList, Me, OAuthErrorBody, type CallUpdate, type NewCall } from '@keyhold/contracts'
import type { TSchema, Static } from 'typebox'
import { Value } from 'typebox/value'
import type { Http, HttpResponse } from '../http.js'

/** The resource service refused or failed; `error` comes from WWW-Authenticate or the JSON body. */
export class ResourceError extends Error {
  override name = 'ResourceError'
  constructor (readonly status: number, readonly error: string | undefined, readonly description?: string) {
    super(`resource service answered ${status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''}`)
  }

  /** RFC 6750 §3.1: the token expired or was revoked; a fresh one may succeed. */
  get tokenRejected (): boolean {
    return this.status === 401 && (this.error === 'invalid_token' || this.error === undefined)
  }
}

export class ResourceClient {
  constructor (private readonly baseUrl: string, private readonly http: Http) {}

  me (token: string): Promise<Me> {
    return this.#call(token, 'GET', '/api/me', Me)
  }

  async ongoingCalls (token: string): Promise<Call[]> {
    return (await this.#call(token, 'GET', '/api/calls?status=ongoing', CallList)).calls
  }

  startCall (token: string, number: string): Promise<Call> {
    return this.#call(token, 'POST', '/api/calls', Call, { number } satisfies NewCall)
  }

  endCall (token: string, id: string): Promise<Call> {
    return this.#call(token, 'PUT', `/api/calls/${encodeURIComponent(id)}`, Call, { status: 'ended' } satisfies CallUpdate)
  }

  async #call<T extends TSchema> (token: string, method: string, path: string, schema: T, body?: object): Promise<Static<T>> {
    const response = await this.http.send(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
      ...(body && { body: JSON.stringify(body) })
    })
    if (response.status < 200 || response.status > 299) throw errorFrom(response)
    if (!Value.Check(schema, response.json)) throw new ResourceError(response.status, 'invalid_response', `unexpected answer to ${method} ${path.split('?')[0]}`)
    return response.json
  }
}

function errorFrom (response: HttpResponse): ResourceError {
  const challenge = [response.headers['www-authenticate']].flat()[0]
  const fromHeader = challenge ? /error="([^"]*)"/.exec(challenge)?.[1] : undefined
  const body = Value.Check(OAuthErrorBody, response.json) ? response.json : undefined
  return new ResourceError(response.status, fromHeader ?? body?.error, body?.error_description)
}
