/**
 * The options every command loads contracts with: paths relative to the working folder, and
 * `registry://` contracts cached where the environment says, YAML kept parsed and schemas kept compiled between runs (code-cache.ts), read with `STANDIN_REGISTRY_TOKEN`,
 * their cache warning printed on standard error.
 */
import { defaultCacheDir } from '../contract/index.js'
import type { LoadOptions } from '../contract/index.js'
import { codeCacheDir } from './code-cache.js'
import type { CliIO } from './command.js'

/** `loadContract` / `loadContracts` options for a command run with `io`. */
export function loadOptions(io: CliIO): LoadOptions {
  const token = io.env.STANDIN_REGISTRY_TOKEN
  const parsedCacheDir = codeCacheDir(io.env, 'parsed')
  const compiledCacheDir = codeCacheDir(io.env, 'compiled')
  return {
    cwd: io.cwd,
    ...(parsedCacheDir !== undefined ? { parsedCacheDir } : {}),
    ...(compiledCacheDir !== undefined ? { compiledCacheDir } : {}),
    registry: {
      cacheDir: defaultCacheDir(io.env),
      ...(token !== undefined && token !== '' ? { token } : {}),
      onWarning: (message) => io.stderr(`standin: warning: ${message}\n`),
    },
  }
}
