// The logbook service's API: entries written in a ship's log, and who wrote or read them for whom.
import Type, { type Static } from 'typebox'
import { Actor } from './introspection.js'

const Registry = Type.String({ minLength: 1, maxLength: 32, description: 'the hull registry the log belongs to, e.g. NCC-1701-D' })

export const LogEntryInput = Type.Object({
  ship: Registry,
  text: Type.String({ minLength: 1, maxLength: 2000 })
})
export type LogEntryInput = Static<typeof LogEntryInput>

/** Whom a token speaks for and, for an exchanged token, who acts for them (RFC 8693 §4.1). */
export const OnBehalfOf = Type.Object({
  subject: Type.String(),
  client_id: Type.String(),
  act: Type.Optional(Actor)
})
export type OnBehalfOf = Static<typeof OnBehalfOf>

export const LogEntry = Type.Object({
  id: Type.String(),
  ship: Registry,
  text: Type.String(),
  written_at: Type.String({ format: 'date-time' }),
  written_by: OnBehalfOf
})
export type LogEntry = Static<typeof LogEntry>

export const LogQuery = Type.Object({ ship: Registry })
export type LogQuery = Static<typeof LogQuery>

export const LogPage = Type.Object({
  ship: Type.String(),
  entries: Type.Array(LogEntry),
  /** Who this answer was given to. */
  read_by: OnBehalfOf
})
export type LogPage = Static<typeof LogPage>
