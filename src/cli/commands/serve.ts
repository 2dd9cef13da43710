/**
 * `standin serve`: maps flags to `startServer` options, prints the banner (routes and a curl line
 * to paste), reloads on change with `--watch`, and stops cleanly on SIGINT/SIGTERM.
 */
import { fetchBlockedWarning } from '../../fetch-failure.js'
import { statSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { StandinError, isStandinError } from '../../errors.js'
import { shellQuote } from '../../shell-quote.js'
import type { Contract } from '../../contract/index.js'
import { loadContracts } from '../../contract/index.js'
import type { WireProtocol } from '../../protocol/index.js'
import type { StandinServer, StartServerOptions } from '../../serve/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { seedFlag } from '../common-flags.js'
import { flag } from '../flags.js'
import type { FlagValues } from '../flags.js'

/** The flags of `standin serve`. */
export const serveFlags = {
  port: flag.integer({
    short: 'p',
    min: 0,
    max: 65535,
    default: 4010,
    description: 'Port to listen on; 0 picks a free one',
  }),
  host: flag.string({
    valueName: 'HOST',
    default: '127.0.0.1',
    description: 'Interface to bind',
  }),
  seed: seedFlag('Seed of every random choice'),
  latency: flag.string({
    short: 'l',
    valueName: 'SPEC',
    defaultText: 'mock.latency',
    description: 'Latency: 20..80ms (uniform), p50=40ms,p99=250ms (log-normal), 0',
  }),
  'error-rate': flag.number({
    min: 0,
    max: 1,
    example: '0.02',
    valueName: 'RATE',
    defaultText: 'mock.errorRate or 0',
    description: 'Share of requests failed with a 500, seeded (0..1)',
  }),
  'time-to-first-token': flag.duration({
    valueName: 'DURATION',
    defaultText: 'mock.timeToFirstToken, else half the promised p50',
    description: 'openai-chat streams: delay before the first token (300ms)',
  }),
  'tokens-per-second': flag.number({
    min: 0.001,
    max: 1_000_000,
    example: '40',
    valueName: 'RATE',
    defaultText: 'mock.tokensPerSecond, else twice the promised p50',
    description: 'openai-chat streams: content tokens per second',
  }),
  'body-limit': flag.size({
    valueName: 'SIZE',
    defaultText: '1mb',
    description: 'Largest request body (413 above it)',
  }),
  'max-keys': flag.integer({
    min: 1,
    max: 2 ** 31,
    valueName: 'N',
    defaultText: '1000',
    description: 'Most keys in one object of a request (400 above it)',
  }),
  'max-items': flag.integer({
    min: 1,
    max: 2 ** 31,
    valueName: 'N',
    defaultText: '200000',
    description: 'Most items in one array of a request (400 above it)',
  }),
  'max-string-length': flag.integer({
    min: 1,
    max: 2 ** 31,
    valueName: 'N',
    defaultText: '100000',
    description: 'Most characters in one string of a request (400 above it)',
  }),
  'allowed-host': flag.string({
    valueName: 'NAME',
    repeatable: true,
    description:
      'A Host name to answer besides localhost and IP addresses (loopback binds; DNS rebinding guard)',
  }),
  watch: flag.boolean({
    short: 'w',
    description: 'Reload contracts when their files change (editors that save by rename too)',
  }),
  cors: flag.boolean({
    description: 'Let web pages on any origin call the stand-in (CORS preflights answered)',
  }),
}

/** Options from flags; absent flags leave each contract's `mock:` defaults in force. */
export function serveOptions(flags: FlagValues<typeof serveFlags>): StartServerOptions {
  return {
    port: flags.port,
    host: flags.host,
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.latency !== undefined ? { latency: flags.latency } : {}),
    ...(flags['error-rate'] !== undefined ? { errorRate: flags['error-rate'] } : {}),
    ...(flags['time-to-first-token'] !== undefined
      ? { timeToFirstToken: flags['time-to-first-token'] }
      : {}),
    ...(flags['tokens-per-second'] !== undefined
      ? { tokensPerSecond: flags['tokens-per-second'] }
      : {}),
    ...(flags['body-limit'] !== undefined ? { bodyLimit: flags['body-limit'] } : {}),
    ...(flags['max-keys'] !== undefined ? { maxKeys: flags['max-keys'] } : {}),
    ...(flags['max-items'] !== undefined ? { maxItems: flags['max-items'] } : {}),
    ...(flags['max-string-length'] !== undefined
      ? { maxStringLength: flags['max-string-length'] }
      : {}),
    ...(flags['allowed-host'].length > 0 ? { allowedHosts: [...flags['allowed-host']] } : {}),
    ...(flags.cors ? { cors: true } : {}),
  }
}

/** The banner: the URL, each contract with its main route, every route, and a curl line. */
export function banner(
  server: StandinServer,
  contracts: readonly Contract[],
  seedText: string,
  getProtocol: (name: Contract['protocol']) => WireProtocol,
  cors = false,
): string {
  const routes = server.routes()
  const served = new Set(routes)
  const lines = [
    `standin serving ${contracts.length} contract${contracts.length === 1 ? '' : 's'} at ${server.url} (${seedText})`,
  ]
  const width = Math.max(...contracts.map((c) => `${c.name}@${c.version}`.length))
  let curl: string | undefined
  for (const contract of contracts) {
    const protocol = getProtocol(contract.protocol)
    const example = contract.examples[0]
    const request = protocol.encodeRequest(contract, example ? [example.input] : [{}])
    const path = served.has(`${request.method} ${request.path}`)
      ? request.path
      : `/${contract.name}${request.path}`
    lines.push(
      `  ${`${contract.name}@${contract.version}`.padEnd(width)}  ${contract.protocol.padEnd(9)}  ${request.method} ${path}`,
    )
    if (!curl && example)
      curl = `curl -s ${server.url}${path} -H 'content-type: application/json' -d ${shellQuote(JSON.stringify(request.body))}`
  }
  lines.push('Routes:', ...routes.map((r) => `  ${r}`))
  if (curl) lines.push('Try:', `  ${curl}`)
  if (cors) lines.push('CORS: web pages on any origin may call these routes.')
  lines.push(
    'Force a case per request with the header x-standin-scenario: error | slow | timeout | invalid-output. Ctrl-C stops.',
  )
  return lines.join('\n') + '\n'
}

/** What `--watch` watches; `update` adds the files a load read, `close` stops every watch. */
interface ContractWatch {
  readonly update: (files: Iterable<string>) => void
  readonly close: () => void
}

/**
 * Watches the folders named on the command line (a contract added or changed there) and every
 * file a load read: the contracts and each file their `$ref`s name, in whatever folder below
 * the contract's. `changed` is called (debounced) on any change. A file is watched through its
 * folder, so a save by rename (write a temporary file, rename it over the contract: most
 * editors) does not end the watch the way watching the replaced file would.
 */
function watchContracts(paths: readonly string[], changed: () => void): ContractWatch {
  let timer: NodeJS.Timeout | undefined
  const poke = (): void => {
    clearTimeout(timer)
    timer = setTimeout(changed, 150)
  }
  const watchers: FSWatcher[] = paths
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true)
    .map((folder) => watch(folder, { persistent: false }, poke))
  // The names watched in each folder (a file read, or the missing folder on the way to one).
  const folders = new Map<string, Set<string>>()
  const watchName = (path: string): void => {
    const folder = dirname(path)
    const known = folders.get(folder)
    if (known) return void known.add(basename(path))
    try {
      const names = new Set([basename(path)])
      watchers.push(
        watch(folder, { persistent: false }, (_event, name) => {
          if (name === null || names.has(name)) poke()
        }),
      )
      folders.set(folder, names)
    } catch {
      // A `$ref` into a folder that does not exist yet: watch for it to be made, in the
      // nearest folder that does (it is watched itself once a load reads a file in it).
      if (folder !== dirname(folder)) watchName(folder)
    }
  }
  return {
    update(files) {
      for (const file of files) watchName(file)
    },
    close() {
      clearTimeout(timer)
      for (const watcher of watchers) watcher.close()
    },
  }
}

async function serve(
  positionals: readonly string[],
  flags: FlagValues<typeof serveFlags>,
  io: CliIO,
): Promise<number> {
  const options = serveOptions(flags)
  // A registry:// contract has no file to watch.
  const paths = positionals
    .filter((p) => !p.startsWith('registry://'))
    .map((p) => resolve(io.cwd, p))
  // The files each load read (contracts and their `$ref`s), for --watch.
  let read = new Set<string>()
  const load = (): Promise<Contract[]> =>
    loadContracts([...positionals], { ...loadOptions(io), onFileRead: (path) => read.add(path) })
  let contracts = await load()
  if (contracts.length === 0)
    throw new StandinError(
      'serve.no-contracts',
      `standin serve: no contracts found in ${positionals.join(', ')}. Name *.contract.yaml files or folders holding them.`,
    )
  // Loaded on demand: the other commands never pay for the server, msw, nock and express.
  const { startServer, isLoopback } = await import('../../serve/index.js')
  const { getProtocol } = await import('../../protocol/index.js')
  const server = await startServer(contracts, options)
  const blocked = fetchBlockedWarning('standin serve', server.port)
  if (blocked !== undefined) io.stderr(blocked)
  if (!isLoopback(server.host))
    io.stderr(
      `standin: warning: bound to ${server.host}, so other machines can reach the stand-in (and its /_standin listing). Bind 127.0.0.1 (the default) unless that is what you want.\n`,
    )
  // Watch before the banner: whoever waits for the banner may edit a contract at once.
  const watching = flags.watch ? watchContracts(paths, () => void reload()) : undefined
  watching?.update(read)
  const seedText = options.seed !== undefined ? `seed ${options.seed}` : "each contract's seed"
  // Reading the signal installs the SIGINT/SIGTERM handlers (processIO): before the banner, so
  // whoever waits for it may stop the server at once.
  void io.signal
  io.stdout(banner(server, contracts, seedText, getProtocol, options.cors === true))

  async function reload(): Promise<void> {
    let next: Contract[]
    read = new Set()
    // The compile blocks the event loop: signals keep their default action meanwhile, so
    // Ctrl-C during a reload still ends the process at once.
    io.catchSignals?.(false)
    try {
      next = await load().catch(async () => {
        // An editor may save in two steps (truncate, then write): read once more before
        // calling the file broken.
        await new Promise((wait) => setTimeout(wait, 250))
        return load()
      })
      server.reload(next)
    } catch (error) {
      watching?.update(read)
      const message = isStandinError(error) ? error.message : String(error)
      io.stderr(`standin: kept the previous contracts, the changed ones do not load:\n${message}\n`)
      return
    } finally {
      io.catchSignals?.(true)
    }
    contracts = next
    watching?.update(read)
    io.stdout(`standin: reloaded ${next.map((c) => `${c.name}@${c.version}`).join(', ')}\n`)
  }
  await new Promise<void>((done) => {
    if (!io.signal) return
    if (io.signal.aborted) return done()
    io.signal.addEventListener('abort', () => done(), { once: true })
  })
  watching?.close()
  await server.close()
  io.stdout('standin: stopped.\n')
  return 0
}

/** `standin serve`. */
export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Serve stand-in models over HTTP',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.{yaml,yml,json}',
      variadic: true,
    },
  ],
  flags: serveFlags,
  footer: [
    'Examples:',
    '  standin serve contracts/',
    '  standin serve contracts/ticket-router.contract.yaml --port 0 --latency 20..80ms --error-rate 0.02',
    '',
    'Per request, the header x-standin-scenario: error | slow | timeout | invalid-output | rate-limit forces one case (openai-chat also: stream-cut | length | refusal).',
  ],
  run: ({ positionals, flags, io }) => serve(positionals, flags, io),
})
