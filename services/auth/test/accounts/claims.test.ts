import t from 'tap'
import { claimChanges, normaliseEmail, normaliseName } from '../../src/accounts/claims.js'

// Test names in ASCII: some of these characters end a line in the TAP stream.
const shown = (input: string) => [...input].map((c) => /[ -~]/.test(c) ? c : `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join('')

t.test('an email address is kept as given, and keyed by its lower case', async (t) => {
  t.same(normaliseEmail('Ada.Lovelace+notes@Example.COM'), { address: 'Ada.Lovelace+notes@Example.COM', key: 'ada.lovelace+notes@example.com' })
  t.same(normaliseEmail('  ada@example.com\n'), { address: 'ada@example.com', key: 'ada@example.com' }, 'surrounding white space trimmed')
  t.same(normaliseEmail("o'hara!#$%&*=?^_`{|}~-@sub-domain.example.co.uk")?.key, "o'hara!#$%&*=?^_`{|}~-@sub-domain.example.co.uk")
  t.same(normaliseEmail('ada@xn--bcher-kva.example')?.key, 'ada@xn--bcher-kva.example', 'an A-label that is valid IDNA')
  const longest = `${'l'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(57)}.com`
  t.equal(longest.length, 254)
  t.ok(normaliseEmail(longest), '254 characters')
})

t.test('what is not a plain addr-spec is refused', async (t) => {
  const refused = {
    'no @': 'ada.example.com',
    'two @': 'ada@lovelace@example.com',
    'nothing before @': '@example.com',
    'nothing after @': 'ada@',
    'missing TLD': 'ada@localhost',
    'numeric TLD': 'ada@192.168.0.1',
    'address literal': 'ada@[192.168.0.1]',
    'empty label': 'ada@example..com',
    'trailing dot': 'ada@example.com.',
    'label starting with a hyphen': 'ada@-example.com',
    'label ending with a hyphen': 'ada@example-.com',
    'underscore in the domain': 'ada@ex_ample.com',
    'label over 63': `ada@${'d'.repeat(64)}.com`,
    'leading dot': '.ada@example.com',
    'double dot': 'ada..l@example.com',
    'trailing dot in the local part': 'ada.@example.com',
    'a space': 'ada lovelace@example.com',
    'a quoted local part': '"ada lovelace"@example.com',
    'specials': 'ada<l>@example.com',
    'a comma': 'ada,l@example.com',
    'a backslash': 'ada\\l@example.com',
    'a control character': 'ada\u0000@example.com',
    'a newline inside': 'ada\n@example.com',
    'a bidi override': 'ada\u202E@example.com',
    'non-ASCII local part': 'adä@example.com',
    'non-ASCII domain': 'ada@bücher.example',
    'invalid A-label': 'ada@xn--zz.example',
    'local part over 64': `${'l'.repeat(65)}@example.com`,
    '255 characters': `${'l'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(58)}.com`,
    'empty': '',
    'only spaces': '   '
  }
  for (const [what, input] of Object.entries(refused)) t.equal(normaliseEmail(input), undefined, what)
})

t.test('a name is NFC and trimmed, 1 to 200 characters', async (t) => {
  t.equal(normaliseName('  Ada Lovelace '), 'Ada Lovelace')
  t.equal(normaliseName('Zoe\u0308'), 'Zoë', 'composed')
  t.equal(normaliseName('محمد'), 'محمد', 'right-to-left text as such')
  t.equal(normaliseName('\u0645\u062D\u0645\u062F \u0639\u0644\u064A'), '\u0645\u062D\u0645\u062F \u0639\u0644\u064A')
  t.equal(normaliseName('می\u200Cخواهم'), 'می\u200Cخواهم', 'a zero-width non-joiner that Persian spelling needs')
  t.equal(normaliseName('\u{1F600}'.repeat(200)), '\u{1F600}'.repeat(200), '200 code points, whatever their UTF-16 length')
  t.equal(normaliseName('a'.repeat(201)), undefined, '201')
  t.equal(normaliseName(`${'a'.repeat(200)}  `), 'a'.repeat(200), 'counted after trimming')
})

t.test('a name with control or bidi formatting characters, or none at all, is refused', async (t) => {
  const refused = ['', '   ', 'Ada\u0000', 'Ada\tLovelace', 'Ada\nLovelace', 'Ada\u0085', 'Ada\u007F', 'Ada\u2028Lovelace',
    'Ada\u202ELovelace', 'Ada\u2066x\u2069', 'Ada\u200F', 'Ada\u061C', 'Ada\uD800', 'Ada\uFFFF']
  for (const input of refused) t.equal(normaliseName(input), undefined, `"${shown(input)}"`)
})

t.test('claim changes: normalised, null kept to remove, the first invalid one named without its value', async (t) => {
  t.same(claimChanges({ email: 'Ada@Example.com', name: ' Ada ', given_name: null }),
    { email: { address: 'Ada@Example.com', key: 'ada@example.com' }, name: 'Ada', givenName: null })
  t.same(claimChanges({ email: null, family_name: 'Lovelace' }), { email: null, familyName: 'Lovelace' })
  t.same(claimChanges({}), {})
  t.throws(() => claimChanges({ email: 'secret@localhost' }), { name: 'invalid_request', message: 'the email address is not valid' }, 'the email')
  t.throws(() => claimChanges({ given_name: 'x\u202E' }), { name: 'invalid_request', message: 'the given_name is not valid' }, 'given_name')
})
