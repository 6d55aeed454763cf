// app.background runs what a request hands it without the request waiting, logs what fails without the error's
// contents, and tells when everything started has ended.
import t from 'tap'
import { backgroundTasks, describeError } from '../../src/plugins/background.js'

function recordingLog () {
  const warnings: unknown[] = []
  return { warnings, log: { warn: (entry: unknown) => { warnings.push(entry) } } as never }
}

t.test('a task runs off the caller path and settled() waits for it and what it starts', async (t) => {
  const { log } = recordingLog()
  const background = backgroundTasks(log)
  const done: string[] = []
  background.run('outer', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    done.push('outer')
    background.run('inner', async () => { await new Promise((resolve) => setTimeout(resolve, 20)); done.push('inner') })
  })
  t.same(done, [], 'run returns before the task ends')
  t.equal(await background.settled(5), false, 'not settled within 5 ms')
  t.equal(await background.settled(), true)
  t.same(done, ['outer', 'inner'])
})

t.test('a failing task is logged by name, code and message, never with what it carried', async (t) => {
  const { log, warnings } = recordingLog()
  const background = backgroundTasks(log)
  background.run('mail: Reset your password', async () => {
    throw Object.assign(new Error('535 Authentication failed'), { code: 'EAUTH', command: 'AUTH PLAIN c2VjcmV0', mail: 'token=abc' })
  })
  background.run('throws a string', async () => { throw 'plain' as unknown as Error })
  t.equal(await background.settled(), true, 'failures settle too')
  t.same(warnings, [
    { task: 'mail: Reset your password', error: { name: 'Error', code: 'EAUTH', message: '535 Authentication failed' } },
    { task: 'throws a string', error: { name: 'unknown', message: 'plain' } }
  ])
  t.notMatch(JSON.stringify(warnings), /c2VjcmV0|token=abc/)
})

t.test('describeError keeps long messages short', async (t) => {
  t.equal(describeError(new Error('x'.repeat(2000))).message.length, 500)
})
