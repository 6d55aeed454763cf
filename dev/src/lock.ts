// One launcher per data directory: the embedded Postgres does not lock its files, and two processes
// writing one directory would corrupt it.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Takes the directory for this process, or says which process has it; the returned function lets it go. */
export async function lockDataDir (dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, 'dev.pid')
  for (;;) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' })
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(await readFile(path, 'utf8').catch(() => ''))
    if (holder > 0 && running(holder)) throw new Error(`${dataDir} is in use by process ${holder}: is pnpm dev running already?`)
    // Left by a process that is gone.
    await rm(path, { force: true })
  }
}

function running (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
