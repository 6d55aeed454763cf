// Limits on guesses at credentials checked in microseconds (client secrets, the admin token). These are checked
// first and counted only when wrong, so that a client's many concurrent right answers never wait on each other;
// each wrong one is counted atomically, and one past the limit is answered 429 as a right one then would be:
// however many guesses arrive at once, no more than the limit learn their answer.
import type { FailureCounter } from '../storage/types.js'
import { TooManyAttempts } from '../errors.js'

export interface GuessLimit {
  key: string
  max: number
  /** Seconds. */
  window: number
}

/** 429 while the window holds its maximum of wrong guesses: even a right one waits, so that its answer says nothing. */
export async function refuseWhileExhausted (counter: FailureCounter, limit: GuessLimit): Promise<void> {
  const { failures, resetsIn } = await counter.current(limit.key)
  if (failures >= limit.max) throw new TooManyAttempts(resetsIn || limit.window)
}

/** Counts a wrong guess and throws `wrong`, or 429 when the limit was already reached. */
export async function countWrongGuess (counter: FailureCounter, limit: GuessLimit, wrong: Error): Promise<never> {
  const { allowed, resetsIn } = await counter.reserve(limit.key, limit.max, limit.window)
  throw allowed ? wrong : new TooManyAttempts(resetsIn || limit.window)
}
