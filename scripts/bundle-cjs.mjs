// Builds the CommonJS door of the library, `require('standin')`: dist/cjs/index.cjs, one file
// bundled by esbuild from the ESM build (dist/src). Node 20.19+ could `require` the ESM build
// itself, but jest's module system (CommonJS mode) cannot on Node 20 and 22, and a real
// CommonJS file keeps `require` on the caller's module registry, so standin loads the very msw,
// nock and express the tests load. Dependencies stay `require`d from node_modules, except
// @faker-js/faker, which ships ES modules only and is bundled (its English locale).
//
// Beside it: the declarations of dist/src, copied under a package.json of type commonjs, so
// TypeScript reads them as CommonJS and resolves msw's and nock's types by their `require`
// condition, as the caller's own imports of them are (a CommonJS project type-checks
// `setupServer(...mswHandlers(c))` against one copy of msw's types, not two).
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import { cjsOptions } from './cjs-options.mjs'

const outdir = 'dist/cjs'
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
rmSync(outdir, { recursive: true, force: true })
const external = [
  ...Object.keys(pkg.dependencies).filter((name) => name !== '@faker-js/faker'),
  ...Object.keys(pkg.peerDependencies),
  // Loaded from dist/vendor (scripts/bundle-vendor.mjs), not bundled twice.
  '@readme/openapi-parser',
].flatMap((name) => [name, `${name}/*`])
const { metafile } = await build({
  entryPoints: { index: 'dist/src/index.js' },
  outdir,
  ...cjsOptions,
  external,
  metafile: true,
  // `import.meta.url` has no CommonJS meaning: the file's own URL is what the code wants
  // (files next to it, a require that resolves from it).
  define: { 'import.meta.url': '__standinFileUrl' },
  banner: { js: "const __standinFileUrl = require('node:url').pathToFileURL(__filename).href" },
  logLevel: 'warning',
})
writeFileSync(`${outdir}/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`)
// The files the code reads next to itself.
for (const file of ['contract/format-validators.generated.cjs', 'report/chart.umd.js'])
  cpSync(`dist/src/${file}`, `${outdir}/${file.split('/').pop()}`)

/** Every .d.ts under `dir`, relative to it. */
function declarations(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name)
    if (entry.isDirectory()) return declarations(dir, path)
    return entry.name.endsWith('.d.ts') ? [path] : []
  })
}
for (const file of declarations('dist/src')) {
  mkdirSync(dirname(join(outdir, file)), { recursive: true })
  cpSync(join('dist/src', file), join(outdir, file))
}
mkdirSync('dist/.meta', { recursive: true })
writeFileSync('dist/.meta/cjs.json', JSON.stringify(metafile))
