// The ships' logs, in this process's memory: a small API, seeded with a few entries, that forgets on restart.
import { randomUUID } from 'node:crypto'
import type { LogEntry, OnBehalfOf } from '@keyhold/contracts'

const MAX_ENTRIES_PER_SHIP = 1000
const SEEDED_BY: OnBehalfOf = { subject: 'logbook', client_id: 'logbook' }

const SEED: Array<[ship: string, text: string]> = [
  ['NCC-1701-D', 'Captain’s log, stardate 41153.7: departing Farpoint Station.'],
  ['NCC-1701-D', 'Captain’s log, supplemental: the Q entity has withdrawn its judgement, for now.'],
  ['NCC-74656', 'Captain’s log, stardate 48315.6: we have been pulled into the Delta Quadrant.'],
  ['NX-74205', 'Station log: the Defiant returns from the Gamma Quadrant with a cloaking device on loan.'],
  ['ECF 270', 'Ship’s log: Tycho Station cleared the Rocinante for departure.']
]

export interface Logbook {
  read (ship: string): readonly LogEntry[]
  write (ship: string, text: string, by: OnBehalfOf): LogEntry | undefined
}

export function inMemoryLogbook (): Logbook {
  const logs = new Map<string, LogEntry[]>()
  const write = (ship: string, text: string, by: OnBehalfOf): LogEntry | undefined => {
    const entries = logs.get(ship) ?? []
    if (entries.length >= MAX_ENTRIES_PER_SHIP) return undefined
    const entry: LogEntry = { id: randomUUID(), ship, text, written_at: new Date().toISOString(), written_by: by }
    entries.push(entry)
    logs.set(ship, entries)
    return entry
  }
  for (const [ship, text] of SEED) write(ship, text, SEEDED_BY)
  return { read: (ship) => logs.get(ship) ?? [], write }
}
