// prompt and max_age (OpenID Connect Core §3.1.2.1): whether the user is shown pages at all, must sign in again, or
// must be asked again.
import { InvalidRequest } from '../../errors.js'
import type { Prompt } from '../../storage/types.js'

export const PROMPT_VALUES: readonly Prompt[] = ['none', 'login', 'consent']

export function checkPrompt (prompt: string | undefined): Prompt[] | undefined {
  if (prompt === undefined) return undefined
  const values = [...new Set(prompt.split(' '))]
  if (!values.every((value): value is Prompt => (PROMPT_VALUES as string[]).includes(value))) {
    throw new InvalidRequest(`prompt must be made of ${PROMPT_VALUES.join(', ')}`)
  }
  if (values.includes('none') && values.length > 1) throw new InvalidRequest('prompt=none cannot be combined with other values')
  return values
}

// Ten digits: seconds enough for any session, and no number too large to compare exactly.
const MAX_AGE = /^\d{1,10}$/

export function checkMaxAge (maxAge: string | undefined): number | undefined {
  if (maxAge === undefined) return undefined
  if (!MAX_AGE.test(maxAge)) throw new InvalidRequest('max_age must be a number of seconds')
  return Number(maxAge)
}
