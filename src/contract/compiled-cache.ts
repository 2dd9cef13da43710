/**
 * The validators of contract schemas kept compiled between runs (`LoadOptions.compiledCacheDir`):
 * ajv's standalone code of each compiled side, so the next load of the same schema, with the same
 * ajv, options and standin, evaluates that code (~1 ms) instead of ajv generating it again (~20 ms
 * for a contract's two sides on a fresh start, most of ajv's compiler running for the first time).
 *
 * The code refers to ajv's runtime helpers, the formats and the linear-time pattern engine by
 * name (`require("ajv-formats/dist/formats")`); they are handed the objects this process's ajv
 * instance compiles with, so a loaded validator runs the code ajv generated for the schema over
 * the same functions, with the same verdicts and errors. An entry is used only when its key
 * (cache format, standin, ajv and ajv-formats versions, draft, options, the backtracking switch)
 * and its schema text are exactly this load's. Anything else, a torn or unreadable file, or code
 * that does not load, is a miss: the schema is compiled as without a cache. Safe to delete.
 */
import { rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ValidateFunction } from 'ajv'
import ajvPackage from 'ajv/package.json' with { type: 'json' }
import formatsPackage from 'ajv-formats/package.json' with { type: 'json' }
import standaloneModule from 'ajv/dist/standalone/index.js'
import equal from 'ajv/dist/runtime/equal.js'
import ucs2length from 'ajv/dist/runtime/ucs2length.js'
import uri from 'ajv/dist/runtime/uri.js'
import validationError from 'ajv/dist/runtime/validation_error.js'
import { privateFolder, readPrivateFile, shortHash } from '../private-cache.js'
import { standinVersion } from '../version.js'
import type { AjvInstance } from './create-ajv.js'

/** The largest schema kept (characters of its JSON text): contract schemas are small. */
const MAX_SCHEMA = 1 << 20

/** What a cache file holds: the key, the schema's JSON text, ajv's standalone code. */
type Entry = [format: 1, key: string, schema: string, code: string]

/**
 * An ajv runtime module as its standalone code requires it (`require(...).default`). A default
 * import of these CommonJS modules is `module.exports` under Node, its `default` under some
 * bundlers' interop: either way, the function ajv's compiler refers to.
 */
const runtimeModule = (imported: unknown): { default: unknown } => ({
  default: (imported as { default?: unknown }).default ?? imported,
})

/** ajv's runtime modules: the very objects ajv's compiler refers to. */
const RUNTIME: Readonly<Record<string, unknown>> = {
  'ajv/dist/runtime/equal': runtimeModule(equal),
  'ajv/dist/runtime/ucs2length': runtimeModule(ucs2length),
  'ajv/dist/runtime/uri': runtimeModule(uri),
  'ajv/dist/runtime/validation_error': runtimeModule(validationError),
}
/** The formats (ajv-formats' `code.formats`) and the pattern engine (`linearRegExpEngine`). */
const FORMATS = 'ajv-formats/dist/formats'
const PATTERNS = 'standin/linear-regexp'

// ajv's standalone module is CommonJS: under NodeNext its default import is `module.exports`.
const standaloneCode = ((standaloneModule as unknown as { default?: typeof standaloneModule })
  .default ?? standaloneModule) as unknown as (
  ajv: AjvInstance,
  validate: ValidateFunction,
) => string

/**
 * Where the validator of `slot` (a side, a check) of the contract at `owner` lives: one entry per
 * slot, which a changed schema overwrites, so the folder does not grow with every edit.
 */
const entryPath = (dir: string, owner: string, slot: string): string =>
  join(dir, `${shortHash(`${owner}\0${slot}`)}-${shortHash(slot)}.json`)

/**
 * The key of everything besides the schema that decides ajv's code: `options` are the ones the
 * instance was made with (createAjv's, JSON), `backtracking` the pattern engine's switch.
 */
export function compiledCacheKey(draft: string, options: string, backtracking: boolean): string {
  return [
    `standin ${standinVersion()}`,
    `ajv ${ajvPackage.version}`,
    `ajv-formats ${formatsPackage.version}`,
    draft,
    options,
    backtracking ? 'backtracking' : 'linear',
  ].join('\n')
}

/** The `require` the standalone code gets: this process's objects, nothing else. */
function runtimeOf(ajv: AjvInstance): (specifier: string) => unknown {
  return (specifier) => {
    if (specifier === FORMATS) return { fullFormats: ajv.formats }
    if (specifier === PATTERNS) return ajv.opts.code.regExp
    if (Object.hasOwn(RUNTIME, specifier)) return RUNTIME[specifier]
    throw new Error(`compiled-cache: no module ${specifier}`)
  }
}

/** Runs standalone `code` as a CommonJS module with `ajv`'s objects; throws when it does not load. */
function loadCode(code: string, ajv: AjvInstance): ValidateFunction {
  const module = { exports: {} as unknown }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- ajv's own code, run as ajv runs it (new Function)
  const run = new Function('module', 'exports', 'require', code) as (
    module: { exports: unknown },
    exports: unknown,
    require: (specifier: string) => unknown,
  ) => void
  run(module, module.exports, runtimeOf(ajv))
  if (typeof module.exports !== 'function') throw new Error('compiled-cache: no validator')
  return module.exports as ValidateFunction
}

/**
 * The validator kept for exactly `schemaText` under `key`, its code run with `ajv`'s formats and
 * pattern engine; undefined on any miss (no entry, another key or schema, a torn file, code that
 * does not load).
 */
function readCompiled(
  path: string,
  key: string,
  schemaText: string,
  ajv: AjvInstance,
): ValidateFunction | undefined {
  if (schemaText.length > MAX_SCHEMA) return undefined
  try {
    const kept = readPrivateFile(path)
    if (kept === undefined) return undefined
    const entry = JSON.parse(kept.toString('utf8')) as unknown
    if (
      !Array.isArray(entry) ||
      entry.length !== 4 ||
      entry[0] !== 1 ||
      entry[1] !== key ||
      entry[2] !== schemaText ||
      typeof entry[3] !== 'string'
    )
      return undefined
    return loadCode(entry[3], ajv)
  } catch {
    // No entry, a torn one, or code that does not load: compile.
    return undefined
  }
}

/**
 * Keeps `validate` (compiled by `ajv`, made with `code: { source: true }`) as standalone code for
 * `schemaText` under `key`, when its code needs no module but those `readCompiled` hands it.
 * Written whole or not at all, private to the user (0700 folder, 0600 file). Never throws.
 */
async function writeCompiled(
  path: string,
  key: string,
  schemaText: string,
  ajv: AjvInstance,
  validate: ValidateFunction,
): Promise<void> {
  if (schemaText.length > MAX_SCHEMA) return
  let code: string
  try {
    code = standaloneCode(ajv, validate)
    // Kept only when it loads as `readCompiled` will load it (every module it needs is handed).
    loadCode(code, ajv)
  } catch {
    return
  }
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    // Private to the user: the entry holds the contract's schema.
    if (!privateFolder(dirname(path))) return
    await writeFile(temporary, JSON.stringify([1, key, schemaText, code] satisfies Entry), {
      mode: 0o600,
    })
    await rename(temporary, path)
  } catch {
    // Unwritable: the next load compiles again.
  }
}

/**
 * Compiles a schema in one ajv instance through the cache: `(schema, slot, context)` gives the
 * validator kept in `slot` (a name for the schema's place: `output`, a check's text) for exactly
 * this schema and `context` (the text of whatever else its code depends on, such as the root
 * schema a `$ref` points into), else ajv's, which is then kept in that slot.
 */
export type CachedCompile = (schema: object, slot: string, context?: string) => ValidateFunction

/**
 * A `CachedCompile` over `ajv` (made with `code: { source: true }`) for the contract at `owner`
 * (its path; '' for a contract given as data), keeping entries in `dir`.
 */
export function cachedCompiler(
  dir: string,
  key: string,
  ajv: AjvInstance,
  owner: string,
): CachedCompile {
  return (schema, slot, context = '') => {
    const path = entryPath(dir, owner, slot)
    const text = `${context}\n${JSON.stringify(schema)}`
    const kept = readCompiled(path, key, text, ajv)
    if (kept) return kept
    const validate = ajv.compile(schema)
    void writeCompiled(path, key, text, ajv, validate)
    return validate
  }
}
