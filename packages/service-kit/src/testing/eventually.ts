// Polls a condition that becomes true through something asynchronous: a Redis channel, a reconnect.
export async function eventually (
  check: () => Promise<boolean>,
  { attempts = 50, intervalMs = 20 }: { attempts?: number, intervalMs?: number } = {}
): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  return false
}
