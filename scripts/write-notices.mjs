// Writes dist/THIRD-PARTY-NOTICES.md: the licence of every package whose code is bundled into
// dist/bin (the command), dist/browser (standin/browser), dist/cjs (the CommonJS build) and
// dist/vendor (json-schema-to-typescript, @readme/openapi-parser), and
// of chart.js, whose UMD file is copied in. The bundle scripts leave their esbuild metafiles in
// dist/.meta/; the packages are read from the inputs' node_modules paths.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const where = {
  bin: 'dist/bin (the standin command)',
  browser: 'dist/browser (standin/browser)',
  cjs: 'dist/cjs (require("standin"))',
  vendor: 'dist/vendor (json-schema-to-typescript, for standin types)',
  'vendor-openapi':
    'dist/vendor (@readme/openapi-parser, for standin import openapi and export openapi)',
}

/** `node_modules/a/b.js` -> `a`, `node_modules/@s/p/x.js` -> `@s/p` (the innermost package). */
function packageOf(input) {
  const parts = input.split('node_modules/')
  if (parts.length < 2) return undefined
  const rest = parts[parts.length - 1].split('/')
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  return { name, dir: `${parts.slice(0, -1).join('node_modules/')}node_modules/${name}` }
}

const packages = new Map() // name -> { dir, places: Set }
const add = (name, dir, place) => {
  if (!packages.has(name)) packages.set(name, { dir, places: new Set() })
  packages.get(name).places.add(place)
}
for (const [key, place] of Object.entries(where)) {
  const meta = JSON.parse(readFileSync(`dist/.meta/${key}.json`, 'utf8'))
  for (const input of Object.keys(meta.inputs)) {
    const pkg = packageOf(input)
    if (pkg) add(pkg.name, pkg.dir, place)
  }
}
add('chart.js', 'node_modules/chart.js', 'dist/*/chart.umd.js (inlined into html reports)')

const sections = [...packages.entries()]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, { dir, places }]) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f))
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : undefined
    if (!text)
      throw new Error(`write-notices: ${name} ships no licence file; add its notice by hand`)
    return [
      `## ${name} ${pkg.version} (${pkg.license ?? 'see below'})`,
      '',
      `Bundled into: ${[...places].join(', ')}.`,
      '',
      '```',
      text,
      '```',
    ].join('\n')
  })
writeFileSync(
  'dist/THIRD-PARTY-NOTICES.md',
  [
    '# Third-party notices',
    '',
    'standin is MIT-licensed (see LICENSE). Its built files include code from these packages,',
    'whose licences follow. Packages installed as dependencies carry their own licences.',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n'),
)
if (existsSync('dist/.meta')) rmSync('dist/.meta', { recursive: true })
