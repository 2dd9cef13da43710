/**
 * Loads json-schema-to-typescript on first use: from the package, the copy the build bundled
 * into dist/vendor/ (scripts/bundle-vendor.mjs: with prettier's standalone TypeScript printer,
 * so users do not install the whole of prettier for one command); from source, the dev
 * dependency. The bundle is one folder up from dist/bin and dist/cjs, two from dist/src/types.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as JsonSchemaToTypescript from 'json-schema-to-typescript'

type Compiler = typeof JsonSchemaToTypescript

const candidates = [
  '../vendor/json-schema-to-typescript.cjs',
  '../../vendor/json-schema-to-typescript.cjs',
]

/** json-schema-to-typescript's module. */
export async function loadCompiler(): Promise<Compiler> {
  for (const candidate of candidates) {
    if (existsSync(new URL(candidate, import.meta.url)))
      return createRequire(import.meta.url)(candidate) as Compiler
  }
  return import('json-schema-to-typescript')
}
