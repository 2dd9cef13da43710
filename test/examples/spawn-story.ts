/**
 * Runs one example story's runner (`examples/<name>/run.ts`) as a child process, the way
 * `npm run example:<name>` does, and returns its exit code and output.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../../', import.meta.url))

export interface StoryRun {
  readonly code: number
  readonly output: string
}

export function spawnStory(
  name: string,
  args: readonly string[] = [],
  timeoutMs = 120_000,
): Promise<StoryRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('examples', name, 'run.ts'), ...args],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? (signal ? 128 : 2), output })
    })
  })
}

/** True when the report files of a run exist. */
export function reportsExist(name: string, base: 'verify' | 'verify-broken'): boolean {
  return ['.html', '.junit.xml', '.json'].every((ext) =>
    existsSync(join(root, 'examples', name, 'reports', `${base}${ext}`)),
  )
}
