// The record a job leaves when it is given up on, built the same way by every DeliveryQueue.
import type { ClaimedDelivery, DeadLetter } from './types.js'

/** The job without its body (it may hold tokens) and without its lease, the failed attempt counted. */
export function deadLetterOf ({ body, lease, attempts, ...job }: ClaimedDelivery, lastError: string, failedAt: number): DeadLetter {
  return { ...job, attempts: attempts + 1, lastError, failedAt }
}
