// The outbound HTTP calls of the demo: one keep-alive pool, bounded time, JSON bodies read defensively.
import { Agent, request, type Dispatcher } from 'undici'

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

  close (): Promise<void> {
    return this.#agent.close()
  }
}
