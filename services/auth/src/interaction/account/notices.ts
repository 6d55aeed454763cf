// After a change each page redirects to itself with `?done=<key>` (post, redirect, get) and shows the sentence its key
// names: a fixed list per page, so nothing a link carries is shown.
import type { FastifyReply } from 'fastify'

export type Notices = Readonly<Record<string, string>>

export const noticeOf = (notices: Notices, done: string | undefined): string | undefined =>
  done !== undefined && Object.hasOwn(notices, done) ? notices[done] : undefined

/** 303 back to `path`, which then shows the notice `done`. */
export const changed = (reply: FastifyReply, path: string, done: string): FastifyReply =>
  reply.redirect(`${path}?${new URLSearchParams({ done })}`, 303)
