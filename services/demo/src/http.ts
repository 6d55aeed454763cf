// The outbound HTTP calls of the demo: one keep-alive pool, bounded time, JSON bodies read defensively.
import { Agent, fetch as undiciFetch, request, type Dispatcher } from 'undici'

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  json: unknown
}

/** The service did not answer in time or at all. */
export class UpstreamUnavailable extends Error {
  override name = 'UpstreamUnavailable'
  constructor (readonly origin: string, options: { cause: unknown }) {
    super(`${origin} could not be reached`, options)
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

export class Http {
  readonly #agent: Agent

  constructor (private readonly timeoutMs: number) {
    this.#agent = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs })
  }

  async send (url: string, init: { method: string, headers?: Record<string, string>, body?: string }): Promise<HttpResponse> {
    let response: Dispatcher.ResponseData
    let text: string
    try {
      response = await request(url, {
        dispatcher: this.#agent,
        method: init.method as Dispatcher.HttpMethod,
        headers: { accept: 'application/json', ...init.headers },
        body: init.body,
        signal: AbortSignal.timeout(this.timeoutMs * 2)
      })
      text = await response.body.text()
    } catch (cause) {
      throw new UpstreamUnavailable(new URL(url).origin, { cause })
    }
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.statusCode, headers: response.headers, json }
  }

  /**
   * The Fetch API over the same pool, for the OpenID Connect libraries. A failure to reach the server is an
   * UpstreamUnavailable, as for `send`; their own timeout signal is kept, and bounded by ours.
   */
  async fetch (url: string, init: { method: string, headers: Record<string, string>, body?: unknown, signal?: AbortSignal | undefined }): Promise<Response> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.timeoutMs * 2), ...(init.signal ? [init.signal] : [])])
    try {
      const response = await undiciFetch(url, {
        dispatcher: this.#agent,
        method: init.method,
        headers: init.headers,
        body: init.body as string | URLSearchParams | undefined,
        redirect: 'manual',
        signal
      })
      // Read here, where a failure is still the network's: the libraries then parse a complete body.
      const body = await response.arrayBuffer()
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers as unknown as Headers
      })
    } catch (cause) {
      throw new UpstreamUnavailable(new URL(url).origin, { cause })
    }
  }

  close (): Promise<void> {
    return this.#agent.close()
  }
}
