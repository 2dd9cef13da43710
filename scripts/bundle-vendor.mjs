// Bundles json-schema-to-typescript (what `standin types` and generateTypes compile schemas
// with) into dist/vendor/json-schema-to-typescript.cjs, with prettier's standalone build and
// only its TypeScript printer in place of the whole of prettier. Installed as a package it
// brings prettier, lodash, js-yaml and their types: ~20 MB of a user's node_modules for one
// command. src/types/load-compiler.ts loads this file, or the dev dependency from source.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cwd } from 'node:process'
import { build } from 'esbuild'
import { cjsOptions, lightMinify } from './cjs-options.mjs'

const outdir = 'dist/vendor'
rmSync(outdir, { recursive: true, force: true })
const prettierShim = `const { format } = require('prettier/standalone')
const plugins = [require('prettier/plugins/typescript'), require('prettier/plugins/estree')]
exports.format = (code, options) => format(code, { ...options, plugins })`
const { metafile } = await build({
  entryPoints: { 'json-schema-to-typescript': 'json-schema-to-typescript' },
  outdir,
  ...cjsOptions,
  ...lightMinify,
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

// And @readme/openapi-parser (what `standin import openapi` and `export openapi` parse and
// validate with) into dist/vendor/openapi-parser.cjs: as a package it brings 16 more packages to
// every install for two commands. src/interop/load-openapi-parser.ts loads this file.
const openapi = await build({
  entryPoints: { 'openapi-parser': '@readme/openapi-parser' },
  outdir,
  ...cjsOptions,
  ...lightMinify,
  metafile: true,
  logLevel: 'warning',
})
writeFileSync('dist/.meta/vendor-openapi.json', JSON.stringify(openapi.metafile))
