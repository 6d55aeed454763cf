// A tiny HTML template tag: every interpolated value is escaped unless it is already Html.
export class Html {
  constructor (readonly value: string) {}
  toString (): string { return this.value }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!)

type Part = Html | string | number | undefined | false | readonly Part[]

function render (part: Part): string {
  if (part === undefined || part === false) return ''
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

export function html (strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < parts.length ? render(parts[i]!) : ''), ''))
}
