// Bundles the `standin` command (dist/src/cli/bin.js, as tsc compiled it) and the dependencies
// it always loads into dist/bin/, so a start resolves and reads a handful of files instead of
// ~110 of standin's modules and ~150 of ajv's and yaml's. That is ~75 ms of the ~300 ms budget
// from `standin serve` to its first answer. Each command's code stays in its own chunk, loaded
// when the command runs. The library (`import ... from 'standin'`) is not bundled: it is the
// tsc output under dist/src.
//
// Left outside: packages a command loads on demand that are large or resolved by path (msw,
// nock, express and supertest for the adapters, json-schema-to-typescript and its prettier for
// `standin types`, chart.js whose file the html report inlines, copied next to the chunks).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'

/**
 * The generator's faker, evaluated on its first call rather than when a start loads the
 * generator: faker's English data is ~450 kB of object literals, ~40 ms of every `standin serve`
 * start, and only a schema with a name faker knows (`email`, `city`...) or a faker hint calls it.
 * The generator's import resolves to a proxy that `require`s faker when a property is first read;
 * esbuild bundles the `require` as a lazily run module, so the code is the same faker as before.
 */
const lazyFaker = {
  name: 'lazy-faker',
  setup(build) {
    build.onResolve({ filter: /^@faker-js\/faker\/locale\/en$/ }, (args) =>
      args.importer.endsWith('/generate/fake-text.js') && args.kind === 'import-statement'
        ? { path: 'lazy-faker', namespace: 'lazy-faker', pluginData: args.resolveDir }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'lazy-faker' }, (args) => ({
      resolveDir: args.pluginData,
      loader: 'js',
      contents: `let loaded
const load = () => (loaded ??= require('@faker-js/faker/locale/en').faker)
export const faker = new Proxy({}, { get: (_, key) => load()[key] })
`,
    }))
  },
}

const outdir = 'dist/bin'
rmSync(outdir, { recursive: true, force: true })
const { metafile } = await build({
  entryPoints: { standin: 'dist/src/cli/bin.js' },
  metafile: true,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Less to parse on every start (whitespace and syntax only: names stay, so stacks read).
  minifyWhitespace: true,
  minifySyntax: true,
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
  // Bundled CommonJS (ajv, yaml) may `require` node's own modules: give ESM a real `require`.
  banner: {
    js: "import { createRequire as __standinCreateRequire } from 'node:module'\nconst require = __standinCreateRequire(import.meta.url)",
  },
  plugins: [lazyFaker],
  logLevel: 'warning',
})
// The precompiled validators are found next to the code that loads them (format-validators.ts).
copyFileSync(
  'dist/src/contract/format-validators.generated.cjs',
  `${outdir}/format-validators.generated.cjs`,
)
// chart.js's file, which the html report (bundled into a chunk here) reads next to itself.
copyFileSync('dist/src/report/chart.umd.js', `${outdir}/chart.umd.js`)
// For dist/THIRD-PARTY-NOTICES.md (scripts/write-notices.mjs).
mkdirSync('dist/.meta', { recursive: true })
writeFileSync('dist/.meta/bin.json', JSON.stringify(metafile))
