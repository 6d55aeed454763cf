// A call as an XML document, for clients that ask for application/xml.
import type { Call } from '@keyhold/contracts'

const escape = (value: string) => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

export function callToXml (call: Call): string {
  const fields = Object.entries(call).map(([name, value]) => `  <${name}>${escape(String(value))}</${name}>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<call>\n${fields.join('\n')}\n</call>\n`
}
