/**
 * `standin serve`: maps flags to `startServer` options, prints the banner (routes and a curl line
 * to paste), reloads on change with `--watch`, and stops cleanly on SIGINT/SIGTERM.
 */
import { watch, type FSWatcher } from 'node:fs'
import { resolve } from 'node:path'
import { StandinError, isStandinError } from '../../errors.js'
import type { Contract } from '../../contract/contract-types.js'
import { loadContracts } from '../../contract/index.js'
import type { WireProtocol } from '../../protocol/index.js'
import type { StandinServer, StartServerOptions } from '../../serve/index.js'
import type { CliIO, CommandSpec, OptionValues } from '../command.js'

function usage(message: string): StandinError {
  return new StandinError(
    'cli.usage',
    `standin serve: ${message} Run 'standin serve --help' for usage.`,
  )
}

function integer(values: OptionValues, flag: string, min: number, max: number): number | undefined {
  const raw = values[flag]
  if (typeof raw !== 'string') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max)
    throw usage(`--${flag} must be a whole number from ${min} to ${max}, got '${raw}'.`)
  return value
}

/** `1mb`, `512kb`, `2048` (bytes). */
function bytes(values: OptionValues, flag: string): number | undefined {
  const raw = values[flag]
  if (typeof raw !== 'string') return undefined
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(raw.trim())
  if (!match) throw usage(`--${flag} must be a size such as 1mb, 512kb or 2048, got '${raw}'.`)
  const unit = (match[2] ?? 'b').toLowerCase()
  return Math.round(Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1))
}

/** Options from flags; absent flags leave each contract's `mock:` defaults in force. */
export function serveOptions(values: OptionValues): StartServerOptions {
  const rate = values['error-rate']
  let errorRate: number | undefined
  if (typeof rate === 'string') {
    errorRate = Number(rate)
    if (rate.trim() === '' || !(errorRate >= 0 && errorRate <= 1))
      throw usage(`--error-rate must be a share from 0 to 1 such as 0.02, got '${rate}'.`)
  }
  const port = integer(values, 'port', 0, 65535)
  const seed = integer(values, 'seed', 0, 2 ** 32 - 1)
  const bodyLimit = bytes(values, 'body-limit')
  const maxKeys = integer(values, 'max-keys', 1, 2 ** 31)
  const maxItems = integer(values, 'max-items', 1, 2 ** 31)
  const maxStringLength = integer(values, 'max-string-length', 1, 2 ** 31)
  const allowedHosts = Array.isArray(values['allowed-host']) ? values['allowed-host'] : []
  return {
    port: port ?? 4010,
    host: typeof values.host === 'string' ? values.host : '127.0.0.1',
    ...(seed !== undefined ? { seed } : {}),
    ...(typeof values.latency === 'string' ? { latency: values.latency } : {}),
    ...(errorRate !== undefined ? { errorRate } : {}),
    ...(bodyLimit !== undefined ? { bodyLimit } : {}),
    ...(maxKeys !== undefined ? { maxKeys } : {}),
    ...(maxItems !== undefined ? { maxItems } : {}),
    ...(maxStringLength !== undefined ? { maxStringLength } : {}),
    ...(allowedHosts.length > 0 ? { allowedHosts } : {}),
    ...(values.cors === true ? { cors: true } : {}),
  }
}

/** Quotes a word for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
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

/** Watches contract files and folders; calls `changed` (debounced) on any change. */
function watchPaths(paths: readonly string[], changed: () => void): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined
  const poke = (): void => {
    clearTimeout(timer)
    timer = setTimeout(changed, 150)
  }
  return paths.map((path) => watch(path, { persistent: false }, poke))
}

async function serve(
  positionals: readonly string[],
  values: OptionValues,
  io: CliIO,
): Promise<number> {
  const options = serveOptions(values)
  const paths = positionals.map((p) => resolve(io.cwd, p))
  let contracts = await loadContracts([...positionals], { cwd: io.cwd })
  if (contracts.length === 0)
    throw new StandinError(
      'serve.no-contracts',
      `standin serve: no contracts found in ${positionals.join(', ')}. Name *.contract.yaml files or folders holding them.`,
    )
  // Loaded on demand: the other commands never pay for the server, msw, nock and express.
  const { startServer, isLoopback } = await import('../../serve/index.js')
  const { getProtocol } = await import('../../protocol/index.js')
  const server = await startServer(contracts, options)
  if (!isLoopback(server.host))
    io.stderr(
      `standin: warning: bound to ${server.host}, so other machines can reach the stand-in (and its /_standin listing). Bind 127.0.0.1 (the default) unless that is what you want.\n`,
    )
  // Watch before the banner: whoever waits for the banner may edit a contract at once.
  const watchers = values.watch === true ? watchPaths(paths, () => void reload()) : []
  const seedText = options.seed !== undefined ? `seed ${options.seed}` : "each contract's seed"
  // Reading the signal installs the SIGINT/SIGTERM handlers (processIO): before the banner, so
  // whoever waits for it may stop the server at once.
  void io.signal
  io.stdout(banner(server, contracts, seedText, getProtocol, options.cors === true))

  async function reload(): Promise<void> {
    const load = (): Promise<Contract[]> => loadContracts([...positionals], { cwd: io.cwd })
    let next: Contract[]
    try {
      next = await load().catch(async () => {
        // An editor may save in two steps (truncate, then write): read once more before
        // calling the file broken.
        await new Promise((wait) => setTimeout(wait, 250))
        return load()
      })
    } catch (error) {
      const message = isStandinError(error) ? error.message : String(error)
      io.stderr(`standin: kept the previous contracts, the changed ones do not load:\n${message}\n`)
      return
    }
    server.reload(next)
    contracts = next
    io.stdout(`standin: reloaded ${next.map((c) => `${c.name}@${c.version}`).join(', ')}\n`)
  }
  await new Promise<void>((done) => {
    if (!io.signal) return
    if (io.signal.aborted) return done()
    io.signal.addEventListener('abort', () => done(), { once: true })
  })
  for (const watcher of watchers) watcher.close()
  await server.close()
  io.stdout('standin: stopped.\n')
  return 0
}

/** `standin serve`. */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Serve stand-in models over HTTP',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.{yaml,yml,json}',
      variadic: true,
    },
  ],
  options: {
    port: {
      type: 'string',
      valueName: 'N',
      description: 'Port to listen on; 0 picks a free one',
      defaultText: '4010',
    },
    host: {
      type: 'string',
      valueName: 'HOST',
      description: 'Interface to bind',
      defaultText: '127.0.0.1',
    },
    seed: {
      type: 'string',
      valueName: 'S',
      description: 'Seed of every random choice',
      defaultText: 'mock.seed or 0',
    },
    latency: {
      type: 'string',
      valueName: 'SPEC',
      description: 'Latency: 20..80ms (uniform), p50=40ms,p99=250ms (log-normal), 0',
      defaultText: 'mock.latency',
    },
    'error-rate': {
      type: 'string',
      valueName: 'RATE',
      description: 'Share of requests failed with a 500, seeded (0..1)',
      defaultText: 'mock.errorRate or 0',
    },
    'body-limit': {
      type: 'string',
      valueName: 'SIZE',
      description: 'Largest request body (413 above it)',
      defaultText: '1mb',
    },
    'max-keys': {
      type: 'string',
      valueName: 'N',
      description: 'Most keys in one object of a request (400 above it)',
      defaultText: '1000',
    },
    'max-items': {
      type: 'string',
      valueName: 'N',
      description: 'Most items in one array of a request (400 above it)',
      defaultText: '200000',
    },
    'max-string-length': {
      type: 'string',
      valueName: 'N',
      description: 'Most characters in one string of a request (400 above it)',
      defaultText: '100000',
    },
    'allowed-host': {
      type: 'string',
      multiple: true,
      valueName: 'NAME',
      description:
        'A Host name to answer besides localhost and IP addresses (loopback binds; DNS rebinding guard)',
    },
    watch: { type: 'boolean', description: 'Reload contracts when their files change' },
    cors: {
      type: 'boolean',
      description: 'Let web pages on any origin call the stand-in (CORS preflights answered)',
    },
  },
  footer: [
    'Examples:',
    '  standin serve contracts/',
    '  standin serve contracts/ticket-router.contract.yaml --port 0 --latency 20..80ms --error-rate 0.02',
    '',
    'Per request, the header x-standin-scenario: error | slow | timeout | invalid-output forces one case.',
  ],
  run: ({ positionals, values, io }) => serve(positionals, values, io),
}
