/**
 * Runs the five stories one after another, each as its own process, and prints one line per
 * story. Exits 0 when all five passed.
 *
 *   npm run build && node --import tsx examples/run-all.ts [--broken]
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const stories = [
  'transaction-categorizer',
  'ticket-router',
  'fuel-consumption',
  'news-signals',
  'support-emails',
]
const extra = process.argv.slice(2)
const results = stories.map((name) => {
  const started = performance.now()
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', `examples/${name}/run.ts`, ...extra],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  return { name, code: run.status ?? 2, seconds: (performance.now() - started) / 1000 }
})
console.log('\nstories:')
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(26)} ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}  ${r.seconds.toFixed(1)} s`,
  )
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
