/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` one after another, each in its own process
 * (so one benchmark's heap and JIT state cannot colour the next), and passes `--quick` through.
 * Each benchmark prints its own table: standin beside its peer, measured in the same run, with
 * the ratio.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
let failed = 0
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`)
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      `${dir}${file}`,
      ...process.argv.slice(2).filter((a) => a.startsWith('--')),
    ],
    {
      stdio: 'inherit',
    },
  )
  if (run.status !== 0) failed++
}
process.exitCode = failed === 0 ? 0 : 1
