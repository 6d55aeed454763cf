// When a failed delivery is tried again, and how long the queue keeps its jobs and dead letters: both from one schedule.
import type { DeadLetterRetention } from '../storage/types.js'

export interface DeliverySchedule {
  /** The wait before each retry (ms): the first attempt, then one more after each; the last failure is a dead letter. */
  retryDelaysMs: number[]
  leaseMs: number
}

/** Each wait is drawn within this fraction of its scheduled length, so deliveries that failed together spread out. */
const JITTER = 0.2

/** The settings' comma-separated list of waits as numbers. */
export const parseDelays = (list: string): number[] => list.split(',').map(Number)

export const maxAttempts = (schedule: DeliverySchedule): number => schedule.retryDelaysMs.length + 1

/** The wait after the `attempts`-th failed attempt (1 for the first), jittered; undefined when none is left. */
export function retryDelay (schedule: DeliverySchedule, attempts: number, random: () => number = Math.random): number | undefined {
  const delay = schedule.retryDelaysMs[attempts - 1]
  return delay === undefined ? undefined : Math.round(delay * (1 - JITTER + 2 * JITTER * random()))
}

const DAY_SECONDS = 86400

/**
 * How long a job is kept after its latest write: twice the longest the rest of its schedule could take (every wait
 * at its longest, every attempt's lease run out), and at least a day, so that only a job abandoned for good expires.
 */
export function jobTtlSeconds (schedule: DeliverySchedule): number {
  const longest = schedule.retryDelaysMs.reduce((sum, delay) => sum + delay * (1 + JITTER), 0) + maxAttempts(schedule) * schedule.leaseMs
  return Math.max(DAY_SECONDS, Math.ceil(2 * longest / 1000))
}

/** Enough for operators to look into a week of failures, without a flood of them filling Redis. */
export const DEAD_LETTERS: DeadLetterRetention = { ttlSeconds: 7 * DAY_SECONDS, max: 1000 }
