#!/usr/bin/env node
import { existsSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { fileURLToPath } from 'node:url'
import { codeCacheDir, requireWithCodeCache } from './code-cache.js'
import type * as Main from './main.js'

type Cli = typeof Main

// The package runs the command bundled into one CommonJS file next to this one
// (scripts/bundle-cli.mjs), with its compiled code kept on disk between runs: Node 22.1+'s
// compile cache, or on Node 20 standin's own (code-cache.ts). Both are on before the command's
// code loads. From source (tsx), the modules themselves.
const bundled = fileURLToPath(new URL('./cli.cjs', import.meta.url))
const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache
let cli: Cli
if (!existsSync(bundled)) cli = await import('./main.js')
else if (enableCompileCache) {
  enableCompileCache()
  cli = nodeModule.createRequire(import.meta.url)(bundled) as Cli
} else {
  // The bundle's import() of packages, resolved from here: the folder it is in.
  const importer = (specifier: string): Promise<unknown> => import(specifier)
  cli = requireWithCodeCache(bundled, codeCacheDir(), process.argv[2] ?? '', importer) as Cli
}
const code = await cli.main(process.argv.slice(2), cli.processIO())
// Output lost to a write error (processIO set 2) outranks the command's own code.
if (!process.exitCode) process.exitCode = code
