// The load generator: one autocannon run against one scenario, started by run.ts on its own core.
// Reads the run from argv as JSON, prints the figures as JSON. Latencies are kept to the microsecond
// here because autocannon's own histogram rounds them to whole milliseconds.
import autocannon from 'autocannon'

export interface LoadOptions {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  connections: number
  seconds: number
}

export interface LoadFigures {
  requestsPerSecond: number
  p50: number
  p99: number
  ok: number
  failed: number
  statusCodes: Record<string, number>
}

const options = JSON.parse(process.argv[2]!) as LoadOptions
const latencies: number[] = []

const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon({
    url: options.url,
    method: options.method,
    headers: options.headers,
    ...(options.body !== undefined && { body: options.body }),
    connections: options.connections,
    duration: options.seconds
  }, (error, result) => error ? reject(error) : resolve(result))
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
  })
})

latencies.sort((a, b) => a - b)
const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN
const ok = result['2xx']
const figures: LoadFigures = {
  requestsPerSecond: ok / options.seconds,
  p50: percentile(0.5),
  p99: percentile(0.99),
  ok,
  failed: result.non2xx + result.errors + result.timeouts,
  statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]))
}
process.stdout.write(JSON.stringify(figures))
