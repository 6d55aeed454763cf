import t from 'tap'
import { enforceUsername } from '../../src/accounts/username.js'

t.test('RFC 8265 §3.5 examples of valid usernames, in their enforced form', async (t) => {
  const valid: Array<[string, string]> = [
    ['juliet@example.com', 'juliet@example.com'], ['fussball', 'fussball'], ['fußball', 'fußball'],
    ['π', 'π'], ['Σ', 'σ'], ['σ', 'σ'], ['ς', 'ς']
  ]
  for (const [input, enforced] of valid) t.equal(enforceUsername(input), enforced, input)
})

t.test('RFC 8265 §3.5 examples of invalid usernames, and more', async (t) => {
  const invalid = ['foo bar', '', 'henry\u2163', '\u265A', '\u212Apa', 'a\u200Db', 'a\u0000b', 'a\u00ADb', 'a\u00B7b', '\u05D0a', 'a\uFDD0']
  for (const input of invalid) t.equal(enforceUsername(input), undefined, JSON.stringify(input))
})

t.test('width mapping, case mapping and NFC', async (t) => {
  t.equal(enforceUsername('\uFF21lice'), 'alice', 'fullwidth A')
  t.equal(enforceUsername('ALICE'), 'alice')
  t.equal(enforceUsername('e\u0301'), '\u00E9', 'composed')
  t.equal(enforceUsername('l\u00B7l'), 'l\u00B7l', 'a middle dot between two l is allowed')
  t.equal(enforceUsername('\u05D0\u05D1'), '\u05D0\u05D1', 'right-to-left passes the Bidi Rule')
  t.equal(enforceUsername('abc\u0661'), undefined, 'an Arabic digit in a left-to-right name fails it')
})
