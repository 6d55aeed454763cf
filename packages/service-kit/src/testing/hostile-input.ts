// Hostile request values, and what an error response says about them: each value carries MARK, so any echo
// of it (whole, cut or with characters replaced) is found in a description, a redirect or a challenge.

export const MARK = 'Xq7hostile'

/** RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E. */
export const DESCRIPTION_CHARACTERS = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/

const FRAGMENTS = [
  '"', '\\', "'", '<b>', '</b>', '<script>', 'é', 'ÿ', '😀', '\u202e', 'ﬀ', '\r\n', '\n', '\t', '\u0000', '\u007f',
  '%22', '%zz', '&', '=', ' ', ';', ',', '{', '}', '[', ']', 'x', 'ships:read', 'Set-Cookie: a=b'
]

/** A small seeded generator (Park–Miller), so that a failing value can be reproduced from its seed. */
function random (seed: number): () => number {
  let state = seed % 2147483647 || 1
  return () => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
}

/**
 * Hostile strings: the classic examples, a very long one, then `count` made of 1–8 random fragments
 * (quotes, backslashes, markup, non-ASCII, CR/LF, NUL). Every one begins with MARK.
 */
export function hostileStrings (count: number, seed = 1): string[] {
  const next = random(seed)
  const made = Array.from({ length: count }, () => {
    let value = MARK
    for (let n = 1 + Math.floor(next() * 8); n > 0; n--) value += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]
    return value
  })
  return [`${MARK}x"y\\z é <b>`, `${MARK}\r\nSet-Cookie: a=b`, `${MARK}${'x'.repeat(5000)}"`, ...made]
}

/** The value as an HTTP header can carry it: visible Latin-1 and spaces only (no CR, LF or NUL). */
export const asHeaderValue = (value: string): string => value.replace(/[^\x20-\x7e\xa0-\xff]/g, '')

interface ErrorResponse {
  statusCode: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
}

/** Every error_description of a response: in a JSON body, in a redirect's query or fragment, in WWW-Authenticate. */
export function errorDescriptions (response: ErrorResponse): string[] {
  const found: string[] = []
  const type = String(response.headers['content-type'] ?? '')
  if (type.startsWith('application/json') && response.body !== '') {
    const body = JSON.parse(response.body) as { error_description?: unknown }
    if (body.error_description !== undefined) found.push(String(body.error_description))
  }
  const location = response.headers.location
  if (typeof location === 'string' && /^https?:/.test(location)) {
    const url = new URL(location)
    for (const parameters of [url.searchParams, new URLSearchParams(url.hash.slice(1))]) {
      const description = parameters.get('error_description')
      if (description !== null) found.push(description)
    }
  }
  const challenge = response.headers['www-authenticate']
  if (typeof challenge === 'string') {
    for (const [, description] of challenge.matchAll(/error_description="((?:[^"\\]|\\.)*)"/g)) found.push(description!)
  }
  return found
}

/**
 * What is wrong with an error response to a request carrying MARK: a description outside RFC 6749's characters,
 * or MARK anywhere in a description, a header or the body. Empty when nothing is.
 */
export function echoProblems (response: ErrorResponse): string[] {
  const problems: string[] = []
  const mark = MARK.toLowerCase()
  for (const description of errorDescriptions(response)) {
    if (!DESCRIPTION_CHARACTERS.test(description)) problems.push(`error_description outside RFC 6749's characters: ${JSON.stringify(description)}`)
    if (description.toLowerCase().includes(mark)) problems.push(`error_description repeats the input: ${JSON.stringify(description)}`)
  }
  for (const [name, value] of Object.entries(response.headers)) {
    const text = name === 'location' ? safeDecode(String(value)) : String(value)
    if (text.toLowerCase().includes(mark)) problems.push(`the ${name} header repeats the input`)
  }
  if (response.body.toLowerCase().includes(mark)) problems.push('the body repeats the input')
  return problems
}

function safeDecode (text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}
