import type { RegistryLoadOptions } from './registry-source.js'

/** Options of `loadContract` and `loadContracts`. */
export interface LoadOptions {
  /** The folder relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string
  /**
   * The folder tree files named by `$ref` may come from, relative to `cwd`. Default: the folder
   * of the contract file that holds the `$ref` (for a contract passed as an object, `cwd`). A
   * `$ref` reaching outside it, by `..` or through a symbolic link, is refused by pointer before
   * the file is opened. Give a wider folder, such as the repository root, to share schemas
   * between contract folders.
   */
  readonly root?: string
  /** The largest contract or `$ref` file read, in bytes (default 32 MiB); larger ones are refused. */
  readonly maxFileBytes?: number
  /**
   * The time one contract may take to load, check and compile, in milliseconds (default 10,000).
   * Past it the load stops with a `contract.too-slow` problem naming the place it had reached.
   */
  readonly budgetMs?: number
  /**
   * A folder where contract files written in YAML are kept parsed between loads (one small JSON
   * file each). A file whose text is exactly the same next time is not parsed again: the `yaml`
   * package takes ~15 ms for a small contract in a fresh process. Default: none; the `standin`
   * command uses `$STANDIN_CACHE_DIR/parsed` (else `$XDG_CACHE_HOME/standin/parsed`, else
   * `~/.cache/standin/parsed`). Safe to delete; every check still runs on the data.
   */
  readonly parsedCacheDir?: string
  /**
   * A folder where the validators ajv compiles from contract schemas are kept between loads, as
   * ajv standalone code (one small JSON file per schema). The same schema, compiled by the same
   * standin, ajv and options, is read back instead of compiled again: ajv takes ~20 ms for a
   * small contract's two sides in a fresh process. Default: none; the `standin` command uses
   * `$STANDIN_CACHE_DIR/compiled` (else `$XDG_CACHE_HOME/standin/compiled`, else
   * `~/.cache/standin/compiled`). Safe to delete; every check still runs on the schemas.
   */
  readonly compiledCacheDir?: string
  /**
   * For contracts named `registry://host[:port]/name@range`: the offline cache's folder, the
   * longest wait for the registry, its token and where the cache warning goes.
   */
  readonly registry?: RegistryLoadOptions
  /**
   * Called with the absolute path of every file the load reads: each contract file and every
   * file its `$ref`s name (once each per load, whether or not it could be read). `standin serve
   * --watch` watches their folders, so an edit to a shared schema reloads the contracts too.
   */
  readonly onFileRead?: (path: string) => void
}
