// Collapses identical concurrent reads without ever answering a request from a query that was already
// running when it arrived: per key, one query runs at a time, and every request that arrives meanwhile
// shares the next one, started when the running one ends. Each answer still reflects the database as it
// stood after its own request arrived, exactly as a query of its own would; a hot read costs one round
// trip per query duration instead of one per request.

interface Lane<T> {
  /** Settles when the query now running ends, however it ends. */
  running: Promise<void>
  /** The next query, shared by everyone who arrived while `running` ran. */
  next: Promise<T> | undefined
}

export type CollapsedRead = <T>(key: string, run: () => Promise<T>) => Promise<T>

export function collapsedReads (): CollapsedRead {
  const lanes = new Map<string, Lane<unknown>>()

  function start<T> (key: string, run: () => Promise<T>): Promise<T> {
    const result = run()
    const lane: Lane<unknown> = { running: result.then(() => {}, () => {}), next: undefined }
    lanes.set(key, lane)
    // Registered before any `next` continuation, so it sees whether someone is waiting.
    void lane.running.then(() => { if (lane.next === undefined) lanes.delete(key) })
    return result
  }

  return <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const lane = lanes.get(key) as Lane<T> | undefined
    if (lane === undefined) return start(key, run)
    lane.next ??= lane.running.then(() => start(key, run))
    return lane.next
  }
}
