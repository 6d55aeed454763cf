// The stores' Lua scripts go by their SHA; a Redis that has forgotten them (a restart, a failover) is sent them again.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { Redis } from 'ioredis'
import { redisFailureCounter } from '../../src/storage/redis/failure-counter.js'
import { redisKeys } from '../../src/storage/redis/keys.js'
import { deleteKeys, REDIS_URL } from '../helper.js'

t.test('a script Redis no longer holds is loaded again, and counts go on', async (t) => {
  const prefix = `t_${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL)
  const admin = new Redis(REDIS_URL)
  t.teardown(async () => {
    await deleteKeys(prefix)
    await Promise.all([redis.quit(), admin.quit()])
  })
  const failures = redisFailureCounter(redis, redisKeys(prefix))

  t.same(await failures.reserve('k', 3, 60), { allowed: true, resetsIn: 60 })
  const monitored: string[] = []
  const monitor = await admin.monitor()
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (/^eval/i.test(args[0] ?? '') && args.some((arg) => arg.startsWith(prefix))) monitored.push(args[0]!.toLowerCase())
  })
  t.teardown(() => monitor.disconnect())

  t.equal((await failures.reserve('k', 3, 60)).allowed, true)
  await admin.script('FLUSH')
  t.equal((await failures.reserve('k', 3, 60)).allowed, true, 'the flushed script is sent again')
  t.same(await failures.reserve('k', 3, 60), { allowed: false, resetsIn: await redis.ttl(`${prefix}fail:k`) }, 'and the count survived it')
  await new Promise((resolve) => setTimeout(resolve, 50))
  t.equal(monitored[0], 'evalsha', 'a loaded script is called by its SHA alone')
  t.ok(monitored.includes('eval'), 'a missing one by its text')
})
