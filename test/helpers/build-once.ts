/**
 * Vitest's globalSetup: a test run on a clean checkout builds `dist/` first, once, when a test
 * needs what the build makes (the `standin` command, `standin/browser`, the report schema, the
 * precompiled validators) and `dist/` is missing or older than what it is built from. A run right
 * after `npm run build` (as `npm test` does) builds nothing.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** What the build writes last: its time is the time of the whole build. */
const LAST_OUTPUT = join(root, 'dist/THIRD-PARTY-NOTICES.md')

/** The newest modification time under `path` (a file or a folder tree). */
function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let time = stat.mtimeMs
  for (const entry of readdirSync(path)) time = Math.max(time, newest(join(path, entry)))
  return time
}

/** True when dist/ is missing or older than a source, script or config it is built from. */
export function distIsStale(): boolean {
  const built = statSync(LAST_OUTPUT, { throwIfNoEntry: false })?.mtimeMs ?? 0
  const sources = ['src', 'scripts', 'contracts', 'package.json', 'tsconfig.build.json']
  return sources.some((source) => newest(join(root, source)) > built)
}

export default function setup(): void {
  if (!distIsStale()) return
  console.log('dist/ is missing or older than src/: running npm run build before the tests')
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
}
