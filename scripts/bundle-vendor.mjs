// Bundles json-schema-to-typescript (what `standin types` and generateTypes compile schemas
// with) into dist/vendor/json-schema-to-typescript.cjs, with prettier's standalone build and
// only its TypeScript printer in place of the whole of prettier. Installed as a package it
// brings prettier, lodash, js-yaml and their types: ~20 MB of a user's node_modules for one
// command. src/types/load-compiler.ts loads this file, or the dev dependency from source.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cwd } from 'node:process'
import { build } from 'esbuild'

const outdir = 'dist/vendor'
rmSync(outdir, { recursive: true, force: true })
const prettierShim = `const { format } = require('prettier/standalone')
const plugins = [require('prettier/plugins/typescript'), require('prettier/plugins/estree')]
exports.format = (code, options) => format(code, { ...options, plugins })`
const { metafile } = await build({
  entryPoints: { 'json-schema-to-typescript': 'json-schema-to-typescript' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  plugins: [
    {
      name: 'prettier-standalone',
      setup(b) {
        b.onResolve({ filter: /^prettier$/ }, () => ({ path: 'prettier', namespace: 'shim' }))
        b.onLoad({ filter: /.*/, namespace: 'shim' }, () => ({
          contents: prettierShim,
          resolveDir: cwd(),
          loader: 'js',
        }))
      },
    },
  ],
  logLevel: 'warning',
})
mkdirSync('dist/.meta', { recursive: true })
writeFileSync('dist/.meta/vendor.json', JSON.stringify(metafile))
