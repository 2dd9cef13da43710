/**
 * Loads @readme/openapi-parser on first use: from the package, the copy the build bundled into
 * dist/vendor/ (scripts/bundle-vendor.mjs: its 16 packages would otherwise join every install
 * for two commands); from source, the dev dependency. The bundle is one folder up from dist/bin
 * and dist/cjs, two from dist/src/interop.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as OpenApiParser from '@readme/openapi-parser'

/** @readme/openapi-parser's module. */
export type OpenApiParserModule = typeof OpenApiParser

const candidates = ['../vendor/openapi-parser.cjs', '../../vendor/openapi-parser.cjs']

/** @readme/openapi-parser's module. */
export async function loadOpenApiParser(): Promise<OpenApiParserModule> {
  for (const candidate of candidates) {
    if (existsSync(new URL(candidate, import.meta.url)))
      return createRequire(import.meta.url)(candidate) as OpenApiParserModule
  }
  return import('@readme/openapi-parser')
}
