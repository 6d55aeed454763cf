// RFC 8265 §3.3 UsernameCaseMapped: the one form in which usernames are stored, compared and throttled.
import bidiJs from 'bidi-js'

// The package declares an ES default export but ships CommonJS whose exports are that factory itself.
const bidi = (bidiJs as unknown as typeof bidiJs.default)()

// Code points whose decomposition is <wide> or <narrow> (UAX #11): the width-mapping rule maps them to it.
const WIDE_OR_NARROW = /[\u3000\uFF01-\uFFEE]/gu

// RFC 5892 §2.6, as RFC 8264 §9.6 takes them over.
const EXCEPTION_VALID = new Set([0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007])
const EXCEPTION_DISALLOWED = new Set([0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B])
const ARABIC_INDIC = /[\u0660-\u0669]/u
const EXTENDED_ARABIC_INDIC = /[\u06F0-\u06F9]/u

const UNASSIGNED = /\p{Cn}/u
const JOIN_CONTROL = /\p{Join_Control}/u
const OLD_HANGUL_JAMO = /[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u
const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/u
const CONTROL = /\p{Cc}/u
const LETTER_OR_DIGIT = /[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]/u
const GREEK = /\p{Script=Greek}/u
const HEBREW = /\p{Script=Hebrew}/u
const KANA_OR_HAN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u

/** RFC 5892 Appendix A: the CONTEXTO rules, for the code point at `index` of `points`. */
function contextAllows (points: string[], index: number): boolean {
  const before = points[index - 1] ?? ''
  const after = points[index + 1] ?? ''
  switch (points[index]!.codePointAt(0)) {
    case 0x00B7: return before === 'l' && after === 'l'
    case 0x0375: return GREEK.test(after)
    case 0x05F3: case 0x05F4: return HEBREW.test(before)
    case 0x30FB: return points.some((point) => KANA_OR_HAN.test(point))
    default: {
      const digit = points[index]!
      if (ARABIC_INDIC.test(digit)) return !points.some((point) => EXTENDED_ARABIC_INDIC.test(point))
      return !points.some((point) => ARABIC_INDIC.test(point))
    }
  }
}

const CONTEXTO = /[\u00B7\u0375\u05F3\u05F4\u30FB\u0660-\u0669\u06F0-\u06F9]/u

/** RFC 8264 §8–9: whether every code point is PVALID in the IdentifierClass, or CONTEXTO with its rule met. */
function isIdentifierClass (points: string[]): boolean {
  return points.every((point, index) => {
    const code = point.codePointAt(0)!
    if (EXCEPTION_VALID.has(code)) return true
    if (EXCEPTION_DISALLOWED.has(code)) return false
    if (CONTEXTO.test(point)) return contextAllows(points, index)
    if (UNASSIGNED.test(point)) return false
    if (code >= 0x21 && code <= 0x7E) return true
    // CONTEXTJ (zero-width joiners) is refused outright: stricter than RFC 5892's virama rules, never looser.
    if (JOIN_CONTROL.test(point) || OLD_HANGUL_JAMO.test(point) || IGNORABLE.test(point) || CONTROL.test(point)) return false
    if (point.normalize('NFKC') !== point) return false
    return LETTER_OR_DIGIT.test(point)
  })
}

const RTL_LABEL = new Set(['R', 'AL', 'AN', 'EN', 'ES', 'CS', 'ET', 'ON', 'BN', 'NSM'])
const LTR_LABEL = new Set(['L', 'EN', 'ES', 'CS', 'ET', 'ON', 'BN', 'NSM'])

/** RFC 5893 §2, applied to strings that hold right-to-left code points (RFC 8265 §3.3.1, rule 5). */
function passesBidiRule (points: string[]): boolean {
  const types = points.map((point) => bidi.getBidiCharTypeName(point))
  if (!types.some((type) => type === 'R' || type === 'AL' || type === 'AN')) return true
  const first = types[0]
  const last = types.findLast((type) => type !== 'NSM')
  if (first === 'R' || first === 'AL') {
    return types.every((type) => RTL_LABEL.has(type)) &&
      (last === 'R' || last === 'AL' || last === 'EN' || last === 'AN') &&
      !(types.includes('EN') && types.includes('AN'))
  }
  return first === 'L' && types.every((type) => LTR_LABEL.has(type)) && (last === 'L' || last === 'EN')
}

/**
 * The enforced form of a username (RFC 8265 §3.3.3): width mapping, IdentifierClass, case mapping
 * (Unicode toLowerCase), NFC, the Bidi Rule; undefined when the string is not a valid username at all.
 */
export function enforceUsername (input: string): string | undefined {
  const prepared = input.replace(WIDE_OR_NARROW, (point) => point.normalize('NFKC'))
  if (!isIdentifierClass([...prepared])) return undefined
  const enforced = [...prepared.toLowerCase().normalize('NFC')]
  if (enforced.length === 0 || !isIdentifierClass(enforced) || !passesBidiRule(enforced)) return undefined
  return enforced.join('')
}
