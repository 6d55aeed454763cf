// The delivery settings and the schedule drawn from them: defaults, errors naming their variable, waits and lifetimes.
import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.js'
import { jobTtlSeconds, maxAttempts, parseDelays, retryDelay } from '../../src/delivery/schedule.js'

const valid = { AUTH_SECRET: 'a'.repeat(32), ADMIN_TOKEN: 'b'.repeat(32) }

t.test('by default: a poll every half second, 5 s per delivery, a minute of lease, five retries from 2 s to 30 min', async (t) => {
  t.same(loadConfig(valid).delivery, {
    pollIntervalMs: 500, concurrency: 10, timeoutMs: 5000, leaseMs: 60_000, retryDelaysMs: '2000,10000,60000,300000,1800000'
  })
})

t.test('every problem names its variable', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ DELIVERY_POLL_INTERVAL_MS: '0' }, /DELIVERY_POLL_INTERVAL_MS/],
    [{ DELIVERY_CONCURRENCY: 'many' }, /DELIVERY_CONCURRENCY/],
    [{ DELIVERY_TIMEOUT_MS: '120000' }, /DELIVERY_TIMEOUT_MS/],
    [{ DELIVERY_RETRY_DELAYS_MS: '2s,10s' }, /DELIVERY_RETRY_DELAYS_MS/],
    [{ DELIVERY_RETRY_DELAYS_MS: '1000,,2000' }, /DELIVERY_RETRY_DELAYS_MS/],
    [{ DELIVERY_LEASE_MS: '8000' }, /DELIVERY_LEASE_MS must be at least twice DELIVERY_TIMEOUT_MS/]
  ]
  for (const [env, message] of cases) t.throws(() => loadConfig({ ...valid, ...env }), { name: ConfigError.name, message }, JSON.stringify(env))
})

t.test('each retry waits its scheduled delay within 20 %; there is one attempt more than delays', async (t) => {
  const schedule = { retryDelaysMs: parseDelays('1000,5000'), leaseMs: 60_000 }
  t.equal(maxAttempts(schedule), 3)
  t.equal(retryDelay(schedule, 1, () => 0), 800)
  t.equal(retryDelay(schedule, 1, () => 1), 1200)
  t.equal(retryDelay(schedule, 2, () => 0.5), 5000)
  t.equal(retryDelay(schedule, 3, () => 0.5), undefined, 'after the last attempt: a dead letter')
})

t.test('a job is kept at least a day, and twice as long as its whole schedule could take', async (t) => {
  t.equal(jobTtlSeconds({ retryDelaysMs: [20, 20], leaseMs: 2000 }), 86400)
  const long = { retryDelaysMs: parseDelays('3600000,36000000'), leaseMs: 60_000 }
  t.ok(jobTtlSeconds(long) >= 2 * (1.2 * 39_600 + 3 * 60))
})
