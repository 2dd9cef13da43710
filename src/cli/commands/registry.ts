/**
 * `standin registry serve` runs the contract registry (HTTP API and page) until SIGINT/SIGTERM;
 * `standin registry token` creates an access token in its database and prints the secret once.
 * Both keep the data in PGlite (`--data`, default .standin/registry) or in PostgreSQL
 * (`--database postgres://...`, or STANDIN_DATABASE_URL).
 */
import { fetchBlockedWarning } from '../../fetch-failure.js'
import { StandinError } from '../../errors.js'
import { defineCommand } from '../command.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { listenFailure } from '../../listen-failure.js'

const roles = ['publish', 'verify', 'approve', 'admin'] as const

const registryFlags = {
  port: flag.integer({
    short: 'p',
    min: 0,
    max: 65535,
    default: 4400,
    description: 'serve: port to listen on; 0 picks a free one',
  }),
  host: flag.string({
    valueName: 'HOST',
    default: '127.0.0.1',
    description: 'serve: interface to bind (reads from other machines need a token)',
  }),
  data: flag.string({
    valueName: 'DIR',
    defaultText: '.standin/registry',
    description: 'The embedded database (PGlite) folder, created when missing',
  }),
  database: flag.string({
    valueName: 'URL',
    defaultText: '$STANDIN_DATABASE_URL',
    description: 'A PostgreSQL server instead: postgres://user:password@host:5432/db',
  }),
  role: flag.enum({ values: roles, description: 'token: what the token may do' }),
  name: flag.string({
    valueName: 'WHO',
    description: 'token: who or what holds the token (audit log)',
  }),
}

type RegistryFlags = FlagValues<typeof registryFlags>

async function open(flags: RegistryFlags, io: CliIO) {
  const { openStore, DatabaseUnavailableError, hidePassword, hasPassword, defaultDataFolder } =
    await import('../../registry/index.js')
  const database = flags.database ?? io.env.STANDIN_DATABASE_URL
  if (database !== undefined && database !== '' && flags.data !== undefined)
    throw usageError('registry', 'give --data (PGlite) or --database (PostgreSQL), not both.')
  const url = database !== undefined && database !== '' ? database : undefined
  const location =
    url !== undefined ? { database: url } : { data: flags.data ?? defaultDataFolder, cwd: io.cwd }
  try {
    return { store: await openStore(location), location }
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error
    const where =
      url !== undefined
        ? `the database at ${hidePassword(url)}${hasPassword(url) ? ' (password hidden)' : ''}`
        : `the embedded database in ${location.data ?? defaultDataFolder}`
    throw new StandinError(
      'registry.database-unavailable',
      `registry: cannot reach ${where}: ${error.message}`,
    )
  }
}

async function serve(flags: RegistryFlags, io: CliIO): Promise<number> {
  const { startRegistry, describeLocation } = await import('../../registry/index.js')
  const { store, location } = await open(flags, io)
  let registry
  try {
    registry = await startRegistry({
      store,
      port: flags.port,
      host: flags.host,
      log: (line) => io.stderr(line),
    })
  } catch (error) {
    await store.close()
    const code = (error as { code?: string }).code
    throw new StandinError(
      code === 'EADDRINUSE' ? 'serve.port-in-use' : 'serve.listen',
      `standin registry: ${listenFailure(flags.host, flags.port, error)}`,
    )
  }
  const blocked = fetchBlockedWarning('standin registry', Number(new URL(registry.url).port))
  if (blocked !== undefined) io.stderr(blocked)
  io.stdout(`registry on ${registry.url} (${describeLocation(location)})\n`)
  await new Promise<void>((done) => {
    const signal = io.signal
    if (!signal) return
    if (signal.aborted) return done()
    signal.addEventListener('abort', () => done(), { once: true })
  })
  await registry.close()
  await store.close()
  io.stdout('registry: stopped.\n')
  return 0
}

async function token(flags: RegistryFlags, io: CliIO): Promise<number> {
  if (flags.role === undefined)
    throw usageError('registry', `token needs --role, one of ${roles.join(', ')}.`)
  if (flags.name === undefined || flags.name.trim() === '')
    throw usageError(
      'registry',
      'token needs --name: who or what holds it (shown in the audit log).',
    )
  const { store } = await open(flags, io)
  try {
    const secret = await store.createToken(flags.name, flags.role, 'standin registry token')
    io.stderr(
      `registry: a ${flags.role} token for ${flags.name}; it is shown once, keep it (the registry stores only its sha256):\n`,
    )
    io.stdout(`${secret}\n`)
    return 0
  } finally {
    await store.close()
  }
}

async function run(
  positionals: readonly string[],
  flags: RegistryFlags,
  io: CliIO,
): Promise<number> {
  const [action, extra] = positionals
  if (extra !== undefined) throw usageError('registry', `unexpected argument '${extra}'.`, true)
  if (action === 'serve') {
    if (flags.role !== undefined || flags.name !== undefined)
      throw usageError('registry', '--role and --name are for `standin registry token`.')
    return serve(flags, io)
  }
  // The positional's choices (serve, token) are checked before run: anything else is token.
  return token(flags, io)
}

/** `standin registry`. */
export const registryCommand = defineCommand({
  name: 'registry',
  summary: 'Run the contract registry, or create an access token for it',
  positionals: [
    {
      name: 'serve|token',
      description: 'serve: run the registry; token: create a token',
      required: true,
      choices: ['serve', 'token'],
    },
  ],
  flags: registryFlags,
  footer: [
    'Reads are open from loopback; publish, verify-publish and approve need a token with a role.',
    'The API is described at GET /api/openapi.json; the page is at /.',
    'Exit codes: 0 stopped cleanly (serve) or token created, 2 could not run (bad flags, the database',
    'cannot be reached: the URL is shown without its password).',
    '',
    'Examples:',
    '  standin registry serve --port 4400 --data .standin/registry',
    '  standin registry token --role publish --name ci',
    '  STANDIN_DATABASE_URL=postgres://standin:secret@db:5432/registry standin registry serve --host 0.0.0.0',
  ],
  run: ({ positionals, flags, io }) => run(positionals, flags, io),
})
