/**
 * A V8 code cache for the bundled command (dist/bin/cli.cjs) on Node 20, which has no
 * `module.enableCompileCache` (Node 22.1 and later: bin.ts turns that on instead). Compiling
 * the ~2 MB bundle, and then each function as it first runs, is a third of the time from
 * `standin serve` to its first answer; with the cache V8 deserializes the code it compiled last
 * time. The technique is the `v8-compile-cache` package's: the CommonJS file compiled as a
 * `vm.Script` with `cachedData`, and `createCachedData()` after the run, so the functions the
 * run compiled are in it.
 *
 * The cache is safe to lose: one file per command (`serve`, `lint`...), per Node version and
 * architecture and per install, under `$STANDIN_CACHE_DIR/code`, else
 * `$XDG_CACHE_HOME/standin/code`, else `~/.cache/standin/code`. Its first line names the
 * bundle it was made from (the build's content hash, the file's size and mtime); another bundle,
 * or data V8 rejects (another V8, other flags, a torn file), is compiled from source and the
 * cache written again at exit. Any file error leaves the command running without a cache.
 * `NODE_DISABLE_COMPILE_CACHE=1` (Node's own switch for its cache) turns it off.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'
import { privateFolder, readPrivateFile, shortHash } from '../private-cache.js'

/**
 * A folder of the command's start-up caches (`code`: this module's; `parsed`: the parsed YAML of
 * contract files, `LoadOptions.parsedCacheDir`; `compiled`: the validators compiled from contract
 * schemas, `LoadOptions.compiledCacheDir`), or undefined when there is none (no home) or they
 * are turned off.
 */
export function codeCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  kind: 'code' | 'parsed' | 'compiled' = 'code',
): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined
  if (env.STANDIN_CACHE_DIR) return join(env.STANDIN_CACHE_DIR, kind)
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'standin', kind)
  const home = env.HOME ?? env.USERPROFILE
  return home ? join(home, '.cache', 'standin', kind) : undefined
}

/** The build's content hash, which scripts/bundle-cli.mjs writes on the bundle's last line. */
function buildHash(source: string): string {
  return /\/\/ standin-build ([0-9a-f]+)\s*$/.exec(source.slice(-100))?.[1] ?? 'none'
}

/** Where the cache of `file` for `slot` (the command's name) lives. */
function cachePath(dir: string, file: string, slot: string): string {
  const name = /^[a-z][a-z-]{0,30}$/.test(slot) ? slot : 'other'
  const install = shortHash(`${file}\0${process.version}\0${process.arch}`)
  return join(dir, `${name}-${process.version}-${process.arch}-${install}.bin`)
}

/** The cached data in `path` when it was made from the bundle named `key`, else undefined. */
function readCache(path: string, key: string): Buffer | undefined {
  const data = readPrivateFile(path)
  if (data === undefined) return undefined
  const newline = data.indexOf(10)
  if (newline < 0 || data.subarray(0, newline).toString('latin1') !== key) return undefined
  return data.subarray(newline + 1)
}

/** Writes the cache whole or not at all (a temporary file renamed over it). */
function writeCache(path: string, key: string, data: Buffer): void {
  try {
    if (!privateFolder(dirname(path))) return
    const temporary = `${path}.${process.pid}.tmp`
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${key}\n`, 'latin1'), data]), {
      mode: 0o600,
    })
    renameSync(temporary, path)
  } catch {
    // A cache that cannot be written is only a slower next start.
  }
}

/**
 * Runs the CommonJS `file` (an absolute path, ASCII text) as `require` would and returns its exports,
 * compiled from the code cache of `slot` in `dir` when there is a good one. Without a cache, or
 * with a rejected one, the cache is written when the process exits.
 *
 * A `vm.Script` has no `import()` of its own on Node 20 (and one compiled from cached data loses
 * the callback an `importModuleDynamically` option gives it), so the file gets `importer` as a
 * sixth wrapper argument, `__standinImport`: scripts/bundle-cli.mjs turns the bundle's `import()`
 * of packages and node built-ins into calls of it.
 *
 * @example
 * const cli = requireWithCodeCache('/app/dist/bin/cli.cjs', codeCacheDir(), 'serve', (s) => import(s))
 */
export function requireWithCodeCache(
  file: string,
  dir: string | undefined,
  slot: string,
  importer: (specifier: string) => Promise<unknown>,
): unknown {
  // The bundle is ASCII (scripts/bundle-cli.mjs checks it): read as one byte a character, no
  // UTF-8 decoding of ~2 MB, and V8 keeps it as a one-byte string.
  const source = readFileSync(file, 'latin1')
  let path: string | undefined
  let key = ''
  let cachedData: Buffer | undefined
  if (dir !== undefined) {
    try {
      const stat = statSync(file)
      key = `${buildHash(source)} ${stat.size} ${stat.mtimeMs}`
      path = cachePath(dir, file, slot)
      cachedData = readCache(path, key)
    } catch {
      path = undefined
    }
  }
  // Node's CommonJS wrapper (`Module.wrap`), and the importer.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __standinImport) { ${source}\n});`
  const script = new Script(wrapped, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  })
  if (path !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const target = path
    process.once('exit', () => writeCache(target, key, script.createCachedData()))
  }
  const module = { exports: {} as unknown }
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
    importer: (specifier: string) => Promise<unknown>,
  ) => void
  run.call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
    importer,
  )
  return module.exports
}
