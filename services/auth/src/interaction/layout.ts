// The frame every page shares: one stylesheet (allowed by its hash in the Content-Security-Policy) and a main column.
import { createHash } from 'node:crypto'
import { Html, html } from './html.js'

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}
h1{font-size:1.35rem;margin:0 0 1rem}h2{font-size:1.05rem;margin:1rem 0 .25rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text],input[type=password],input[type=email]{width:100%;padding:.6rem;border:1px solid #b8bfcc;border-radius:6px;font:inherit}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #2250c8;background:#2554d8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#2554d8}.actions{display:flex;gap:.75rem;margin-top:1.25rem}
.error{padding:.6rem .8rem;border-radius:6px;background:#fdecec;color:#8a1f1f}.notice{padding:.6rem .8rem;border-radius:6px;background:#e8f4ec;color:#1f5a32}ul{padding-left:1.2rem}code{font-size:.9em}
pre{white-space:pre-wrap;overflow-wrap:anywhere}
`.trim()

export const cspHash = (source: string): string => `'sha256-${createHash('sha256').update(source).digest('base64')}'`

/** For the Content-Security-Policy: the one stylesheet pages may use. */
export const STYLE_HASH = cspHash(CSS)

export function page (title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Keyhold</title><style>${new Html(CSS)}</style></head>
<body><main>${body}</main></body></html>`.value
}

export const hidden = (name: string, value: string | undefined) =>
  value === undefined ? '' : html`<input type="hidden" name="${name}" value="${value}">`

