// Polls a condition that becomes true through something asynchronous: a Redis channel, a reconnect.
export async function eventually (
  check: () => Promise<boolean>,
  { withinMs = 1000, intervalMs = 20 }: { withinMs?: number, intervalMs?: number } = {}
): Promise<boolean> {
  for (const deadline = performance.now() + withinMs; performance.now() < deadline;) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  return false
}
