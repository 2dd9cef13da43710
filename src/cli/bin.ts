#!/usr/bin/env node
import * as nodeModule from 'node:module'

// Node 22.1+ keeps the compiled code of what a start loads on disk, so the next start skips
// compiling it (Node 20 has no such cache: the call is skipped). Enabled before the command's
// modules load, hence the dynamic import below.
;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()

const { main, processIO } = await import('./main.js')
process.exitCode = await main(process.argv.slice(2), processIO())
