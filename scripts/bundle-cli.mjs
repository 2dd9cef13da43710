// Bundles the `standin` command (dist/src/cli/main.js, as tsc compiled it) and the dependencies
// it always loads into one CommonJS file, dist/bin/cli.cjs, so a start reads a handful of files
// instead of ~110 of standin's modules and ~150 of ajv's and yaml's. CommonJS because Node 20
// can keep the compiled code of a script between runs (vm.Script cachedData) but not of an ES
// module: dist/bin/standin.js, the small ES module the package's `bin` names, loads cli.cjs
// through standin's code cache on Node 20 (src/cli/code-cache.ts) and through Node's compile
// cache on 22.1+. Each command's code is in the one file but runs only when the command does
// (esbuild wraps what is imported with `import()` in a function).
//
// Left outside: packages a command loads on demand that are large or resolved by path (msw,
// nock, express and supertest for the adapters, json-schema-to-typescript and its prettier for
// `standin types`, chart.js whose file the html report inlines, copied next to the bundle), and
// faker's English data (dist/bin/faker-en.cjs, below).
import { createHash } from 'node:crypto'
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { build } from 'esbuild'
import { cjsOptions, lightMinify } from './cjs-options.mjs'

/**
 * faker, in its own file (dist/bin/faker-en.cjs), `require`d on its first use: faker's English
 * data is ~450 kB of object literals, ~40 ms of every `standin serve` start if it were compiled
 * with the rest, and only a schema with a name faker knows (`email`, `city`...), a faker hint or
 * lint's hint check calls it. The generator's import resolves to a proxy that requires the file
 * when a property is first read; lint's `import()` to a module that requires it.
 */
const lazyFaker = {
  name: 'lazy-faker',
  setup(build) {
    build.onResolve({ filter: /^@faker-js\/faker\/locale\/en$/ }, (args) => ({
      path: args.kind === 'dynamic-import' ? 'module' : 'proxy',
      namespace: 'lazy-faker',
    }))
    build.onResolve({ filter: /^\.\/faker-en\.cjs$/ }, () => ({
      path: './faker-en.cjs',
      external: true,
    }))
    build.onLoad({ filter: /.*/, namespace: 'lazy-faker' }, (args) => ({
      resolveDir: '.',
      loader: 'js',
      contents:
        args.path === 'module'
          ? `export const faker = require('./faker-en.cjs').faker\n`
          : `let loaded
const load = () => (loaded ??= require('./faker-en.cjs').faker)
export const faker = new Proxy({}, { get: (_, key) => load()[key] })
`,
    }))
  },
}

/**
 * The precompiled validators of standin's own schemas (format-validators.ts) bundled in, so the
 * code cache covers them too, instead of `require`d from a file beside the bundle.
 */
const inlineFormatValidators = {
  name: 'inline-format-validators',
  setup(build) {
    build.onLoad({ filter: /[/\\]contract[/\\]format-validators\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const loaded = 'createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`)'
      if (!source.includes(loaded))
        throw new Error(`bundle-cli: ${args.path} no longer loads its validators as ${loaded}`)
      return {
        loader: 'js',
        contents: source
          .replace('if (!existsSync(file))', 'if (false)')
          .replace(loaded, `require('./${'format-validators.generated.cjs'}')`),
      }
    })
  },
}

const outdir = 'dist/bin'
rmSync(outdir, { recursive: true, force: true })
const cli = await build({
  entryPoints: { cli: 'dist/src/cli/main.js' },
  metafile: true,
  outdir,
  ...cjsOptions,
  ...lightMinify,
  external: [
    'msw',
    'msw/*',
    'nock',
    'express',
    'supertest',
    'json-schema-to-typescript',
    '@readme/openapi-parser',
    'chart.js',
    'cli-progress',
    // The registry's databases: PGlite loads its WebAssembly and data files from its own folder.
    '@electric-sql/pglite',
    'pg',
  ],
  // `import.meta.url` has no CommonJS meaning: the file's own URL is what the code wants
  // (files next to it, a require that resolves from it).
  define: { 'import.meta.url': '__standinFileUrl' },
  // `__standinImport`: see the import() rewrite below.
  banner: {
    // 'use strict' first, or it would not be the file's directive (ES modules are strict).
    js: "'use strict'\nconst __standinFileUrl = require('node:url').pathToFileURL(__filename).href\nconst __standinImportOf = typeof __standinImport === 'function' ? __standinImport : (specifier) => import(specifier)",
  },
  plugins: [lazyFaker, inlineFormatValidators],
  logLevel: 'warning',
})
// On Node 20 the bundle runs as a vm.Script, which has no import() (code-cache.ts): each import()
// of a package left outside or of a node built-in calls the importer code-cache.ts passes in,
// `__standinImport`, or import() itself where there is none (required on Node 22.1+).
const externalSpecifier = (specifier) =>
  specifier.startsWith('node:') ||
  cli.metafile.outputs[`${outdir}/cli.cjs`].imports.some(
    (i) => i.external && i.kind === 'dynamic-import' && i.path === specifier,
  )
const bundled = readFileSync(`${outdir}/cli.cjs`, 'latin1').replace(
  /\bimport\(("[^"\\]+")\)/g,
  (call, quoted) => (externalSpecifier(JSON.parse(quoted)) ? `__standinImportOf(${quoted})` : call),
)
const left = /\bimport\("[^"]*"\)/.exec(bundled)
if (left) throw new Error(`bundle-cli: ${left[0]} in dist/bin/cli.cjs would fail in a vm.Script`)
writeFileSync(`${outdir}/cli.cjs`, bundled, 'latin1')
// src/cli/code-cache.ts reads the bundle as latin1, which is exact for ASCII only (esbuild
// escapes every other character in code; a comment could still hold one).
// eslint-disable-next-line no-control-regex -- the test is for bytes above 0x7f
if (/[^\x00-\x7f]/.test(readFileSync(`${outdir}/cli.cjs`, 'latin1')))
  throw new Error('bundle-cli: dist/bin/cli.cjs is not ASCII; code-cache.ts reads it as latin1')
// The code cache's key for this build (src/cli/code-cache.ts reads the last line).
const hash = createHash('sha256')
  .update(readFileSync(`${outdir}/cli.cjs`))
  .digest('hex')
  .slice(0, 16)
appendFileSync(`${outdir}/cli.cjs`, `\n// standin-build ${hash}\n`)
const faker = await build({
  entryPoints: { 'faker-en': '@faker-js/faker/locale/en' },
  metafile: true,
  outdir,
  ...cjsOptions,
  ...lightMinify,
  logLevel: 'warning',
})
// The entry: a small ES module with the code cache (src/cli/bin.ts).
const bin = await build({
  entryPoints: { standin: 'dist/src/cli/bin.js' },
  metafile: true,
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minifyWhitespace: true,
  minifySyntax: true,
  // Its `import('./main.js')` is for running from source, where no cli.cjs is beside it.
  plugins: [
    {
      name: 'unbundled-main',
      setup: (build) =>
        build.onResolve({ filter: /^\.\/main\.js$/ }, (args) => ({
          path: args.path,
          external: true,
        })),
    },
  ],
  logLevel: 'warning',
})
// chart.js's file, which the html report (bundled into cli.cjs) reads next to itself.
copyFileSync('dist/src/report/chart.umd.js', `${outdir}/chart.umd.js`)
// For dist/THIRD-PARTY-NOTICES.md (scripts/write-notices.mjs).
mkdirSync('dist/.meta', { recursive: true })
writeFileSync(
  'dist/.meta/bin.json',
  JSON.stringify({
    inputs: { ...cli.metafile.inputs, ...faker.metafile.inputs, ...bin.metafile.inputs },
  }),
)
