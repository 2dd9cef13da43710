// Copies the non-TypeScript assets the package ships next to the compiled code:
// - the contract format schema, to dist/src/contract/ (where the library reads it; the package
//   root gets its editor edition from editor-schema.mjs);
// - chart.js's UMD build, which the html report inlines, to dist/src/report/ (chart.js is a dev
//   dependency: users install one file of it, not the package). bundle-cli.mjs and
//   bundle-cjs.mjs copy it next to their chunks too.
import { cpSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const chartJsFile = join(
  dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.js',
)

const copies = [
  ['src/contract/contract.schema.json', 'dist/src/contract/contract.schema.json'],
  [chartJsFile, 'dist/src/report/chart.umd.js'],
]
for (const [from, to] of copies) {
  mkdirSync(dirname(to), { recursive: true })
  cpSync(from, to)
}
