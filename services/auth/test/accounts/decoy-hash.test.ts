import t from 'tap'
import { performance } from 'node:perf_hooks'
import { checkCredentials } from '../../src/accounts/login.js'
import { build } from '../helper.js'
import { signUp } from '../browser.js'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

t.test('an unknown username costs an argon2 verification, as a wrong password does', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' })
  const user = await signUp(app)
  const timed = async (username: string, run: number) => {
    const started = performance.now()
    t.equal(await checkCredentials(app, username, 'a wrong passphrase for sure', `192.0.2.${run}`), undefined)
    return performance.now() - started
  }
  await timed('nobody-at-all', 0)
  const unknown: number[] = []
  const wrong: number[] = []
  // Interleaved, so that load on the machine weighs on both alike; argon2 (19 MiB, t=2) costs tens of
  // milliseconds, a lookup of a missing row a few, so even a generous ratio tells them apart.
  for (let run = 1; run <= 9; run++) {
    unknown.push(await timed(`nobody${run}`, run))
    wrong.push(await timed(user.username, run))
  }
  t.ok(median(unknown) > median(wrong) * 0.4, `unknown ${median(unknown).toFixed(1)} ms, wrong password ${median(wrong).toFixed(1)} ms`)
})
