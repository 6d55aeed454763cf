// Lua run by Redis as one step, for the exchanges that must not interleave (code redemption, rotation, throttles).
import type { Redis } from 'ioredis'

export interface Script {
  /** The command name ioredis gives it on a connection. */
  name: string
  numberOfKeys: number
  lua: string
}

const script = (name: string, numberOfKeys: number, lua: string): Script => ({ name, numberOfKeys, lua })

export type ScriptCall = (...keysThenArgs: Array<string | number>) => Promise<unknown>

/**
 * `script` as a command of `redis`: ioredis sends it by its SHA (EVALSHA) and the text only to a server that does
 * not have it yet (after a restart or a failover too), rather than the whole text with every call.
 */
export function bindScript (redis: Redis, { name, numberOfKeys, lua }: Script): ScriptCall {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua })
  const command = (redis as unknown as Record<string, ScriptCall>)[name]!
  return (...keysThenArgs) => command.apply(redis, keysThenArgs)
}

/** Sets a key's TTL to at least ARGV[n] seconds: shared by scripts that add to long-lived sets. */
const EXTEND = `
local function extend (key, ttl)
  if redis.call('ttl', key) < tonumber(ttl) then redis.call('expire', key, ttl) end
end
`

/** KEYS: code. ARGV: grant id. → nil | {'redeemed'} | {'replayed', grant id} */
export const REDEEM_CODE = script('keyholdRedeemCode', 1, `
if redis.call('exists', KEYS[1]) == 0 then return false end
if redis.call('hsetnx', KEYS[1], 'grant', ARGV[1]) == 1 then return {'redeemed'} end
return {'replayed', redis.call('hget', KEYS[1], 'grant')}
`)

/** KEYS: new token, grant tokens, grant revoked. ARGV: record, ttl, member. → 1 | 0 when revoked */
export const ISSUE_REFRESH_TOKEN = script('keyholdIssueRefreshToken', 3, `${EXTEND}
if redis.call('exists', KEYS[3]) == 1 then return 0 end
redis.call('hset', KEYS[1], 'record', ARGV[1])
redis.call('expire', KEYS[1], ARGV[2])
redis.call('sadd', KEYS[2], ARGV[3])
extend(KEYS[2], ARGV[2])
return 1
`)

/** KEYS: old token, new token, grant tokens, grant revoked. ARGV: new record, ttl, new member. */
export const ROTATE_REFRESH_TOKEN = script('keyholdRotateRefreshToken', 4, `${EXTEND}
if redis.call('exists', KEYS[1]) == 0 or redis.call('exists', KEYS[4]) == 1 then return 'unknown' end
if redis.call('hsetnx', KEYS[1], 'rotated', '1') == 0 then return 'replayed' end
redis.call('hset', KEYS[2], 'record', ARGV[1])
redis.call('expire', KEYS[2], ARGV[2])
redis.call('sadd', KEYS[3], ARGV[3])
extend(KEYS[3], ARGV[2])
return 'rotated'
`)

/** KEYS: grant tokens, grant revoked. ARGV: member, ttl. → 1 | 0 when revoked */
export const ADD_TO_GRANT = script('keyholdAddToGrant', 2, `${EXTEND}
if redis.call('exists', KEYS[2]) == 1 then return 0 end
redis.call('sadd', KEYS[1], ARGV[1])
extend(KEYS[1], ARGV[2])
return 1
`)

/** KEYS: grant tokens, grant revoked. ARGV: ttl. → the grant's members, now removed */
export const REVOKE_GRANT = script('keyholdRevokeGrant', 2, `
redis.call('set', KEYS[2], '1', 'EX', ARGV[1])
local members = redis.call('smembers', KEYS[1])
redis.call('del', KEYS[1])
return members
`)

/** KEYS: set. ARGV: member, ttl. */
export const ADD_TO_SET = script('keyholdAddToSet', 1, `${EXTEND}
redis.call('sadd', KEYS[1], ARGV[1])
extend(KEYS[1], ARGV[2])
`)

/** KEYS: set. → its members, the set removed */
export const TAKE_SET = script('keyholdTakeSet', 1, `
local members = redis.call('smembers', KEYS[1])
redis.call('del', KEYS[1])
return members
`)

/** KEYS: set. ARGV: prefix of the members' keys. Deletes every member's key, then the set. */
export const END_SET_MEMBERS = script('keyholdEndSetMembers', 1, `
for _, member in ipairs(redis.call('smembers', KEYS[1])) do redis.call('del', ARGV[1] .. member) end
redis.call('del', KEYS[1])
`)

/**
 * KEYS: a client's holdings (sorted by expiry), closed marker. ARGV: member, its expiry, now, ttl. → 1 | 0 when closed.
 * Members that have expired are dropped as others arrive, so a busy client's set stays the size of what lives.
 */
export const ADD_TO_CLIENT = script('keyholdAddToClient', 2, `${EXTEND}
if redis.call('exists', KEYS[2]) == 1 then return 0 end
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[3])
redis.call('zadd', KEYS[1], ARGV[2], ARGV[1])
extend(KEYS[1], ARGV[4])
return 1
`)

/** KEYS: holdings, closed marker. ARGV: ttl, now. → the members still alive, the set removed */
export const CLOSE_CLIENT = script('keyholdCloseClient', 2, `
redis.call('set', KEYS[2], '1', 'EX', ARGV[1])
local members = redis.call('zrangebyscore', KEYS[1], '(' .. ARGV[2], '+inf')
redis.call('del', KEYS[1])
return members
`)

/**
 * KEYS: counter. ARGV: max, window. → {1 when counted | 0 when max were counted already, seconds until the window ends}.
 * The first count opens the window; a counter left without a TTL is given one rather than kept for ever.
 */
export const RESERVE_ATTEMPT = script('keyholdReserveAttempt', 1, `
local allowed = tonumber(redis.call('get', KEYS[1]) or '0') < tonumber(ARGV[1])
if allowed then redis.call('incr', KEYS[1]) end
local ttl = redis.call('ttl', KEYS[1])
if ttl < 0 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {allowed and 1 or 0, ttl}
`)

/** KEYS: counter. Takes one count back; the last one takes the counter and its window with it, and none is never made -1. */
export const FORGIVE_ATTEMPT = script('keyholdForgiveAttempt', 1, `
local count = tonumber(redis.call('get', KEYS[1]) or '0')
if count > 1 then redis.call('decr', KEYS[1]) elseif count == 1 then redis.call('del', KEYS[1]) end
`)

/**
 * KEYS: job, due set. ARGV: job (JSON), id, due at, enqueued at, ttl. → 1 | 0 when a job of that id is queued already.
 * The due set always outlives its jobs: whatever writes a job extends the set as long.
 */
export const ENQUEUE_DELIVERY = script('keyholdEnqueueDelivery', 2, `${EXTEND}
if redis.call('exists', KEYS[1]) == 1 then return 0 end
redis.call('hset', KEYS[1], 'job', ARGV[1], 'attempts', 0, 'enqueuedAt', ARGV[4])
redis.call('expire', KEYS[1], ARGV[5])
redis.call('zadd', KEYS[2], ARGV[3], ARGV[2])
extend(KEYS[2], ARGV[5])
return 1
`)

/**
 * KEYS: due set. ARGV: now, lease end, max, prefix of the jobs' keys, prefix of the leases.
 * → {job, attempts, enqueued at, lease} per claimed job. A claimed job's score becomes its lease's end, so it is due
 * again then unless acknowledged; ids whose job has expired are dropped as they are met. A claim does not prolong a
 * job's life: one that keeps killing its worker still expires.
 */
export const CLAIM_DELIVERIES = script('keyholdClaimDeliveries', 1, `
local claimed = {}
for _, id in ipairs(redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])) do
  local key = ARGV[4] .. id
  local fields = redis.call('hmget', key, 'job', 'attempts', 'enqueuedAt')
  if fields[1] then
    local lease = ARGV[5] .. (#claimed + 1)
    redis.call('hset', key, 'lease', lease)
    redis.call('zadd', KEYS[1], ARGV[2], id)
    claimed[#claimed + 1] = {fields[1], fields[2], fields[3], lease}
  else
    redis.call('zrem', KEYS[1], id)
  end
end
return claimed
`)

/** Lua: whether the job at KEYS[1] is still leased under `lease`. */
const HOLDS_LEASE = `
local function holds (lease) return redis.call('hget', KEYS[1], 'lease') == lease end
`

/** KEYS: job, due set. ARGV: id, lease. → 1 | 0 when the lease was lost */
export const SUCCEED_DELIVERY = script('keyholdSucceedDelivery', 2, `${HOLDS_LEASE}
if not holds(ARGV[2]) then return 0 end
redis.call('del', KEYS[1])
redis.call('zrem', KEYS[2], ARGV[1])
return 1
`)

/** KEYS: job, due set. ARGV: id, lease, due at, last error, ttl. → 1 | 0 when the lease was lost */
export const RETRY_DELIVERY = script('keyholdRetryDelivery', 2, `${EXTEND}${HOLDS_LEASE}
if not holds(ARGV[2]) then return 0 end
redis.call('hincrby', KEYS[1], 'attempts', 1)
redis.call('hset', KEYS[1], 'lastError', ARGV[4])
redis.call('hdel', KEYS[1], 'lease')
redis.call('expire', KEYS[1], ARGV[5])
redis.call('zadd', KEYS[2], ARGV[3], ARGV[1])
extend(KEYS[2], ARGV[5])
return 1
`)

/** KEYS: job, due set, dead letters. ARGV: id, lease, letter (JSON), ttl, most kept. → 1 | 0 when the lease was lost */
export const DEAD_LETTER_DELIVERY = script('keyholdDeadLetterDelivery', 3, `${HOLDS_LEASE}
if not holds(ARGV[2]) then return 0 end
redis.call('del', KEYS[1])
redis.call('zrem', KEYS[2], ARGV[1])
redis.call('lpush', KEYS[3], ARGV[3])
redis.call('ltrim', KEYS[3], 0, tonumber(ARGV[5]) - 1)
redis.call('expire', KEYS[3], ARGV[4])
return 1
`)
