/**
 * What the registry commands (publish, consume, approve, can-swap, verify --publish) share: the
 * `--registry` and `--token` flags with their environment variables, `name@version` arguments,
 * and the one place a registry failure becomes an exit code: a refusal by a registry rule (409,
 * 422) is the thing checked failing (exit 1); anything else means the command could not run (2).
 */
import validRange from 'semver/ranges/valid.js'
import { StandinError } from '../errors.js'
import type { RegistryClient } from '../registry/index.js'
import type { CliIO } from './command.js'
import { flag, usageError } from './flags.js'

/** The registry's default address (the registry's DEFAULT_REGISTRY_URL, kept here for --help). */
const DEFAULT_URL = 'http://127.0.0.1:4400'

/** `--registry <url>` and `--token <secret>`. */
export const registryFlags = {
  registry: flag.string({
    valueName: 'url',
    defaultText: `$STANDIN_REGISTRY_URL, else ${DEFAULT_URL}`,
    description: "The registry's base URL",
  }),
  token: flag.string({
    valueName: 'secret',
    defaultText: '$STANDIN_REGISTRY_TOKEN',
    description: "A token made by 'standin registry token' (writes need one with a role)",
  }),
}

/** The lines every registry command's help ends with. */
export const registryFooter = [
  'Exit codes: 0 done, 1 the registry refused it by one of its rules (409, 422), 2 could not run',
  '(registry unreachable, token missing or without the role, bad arguments).',
]

/** A client for the registry the flags (or the environment) name. */
export async function registryClient(
  flags: { readonly registry?: string | undefined; readonly token?: string | undefined },
  io: CliIO,
  url?: string,
): Promise<RegistryClient> {
  const { createRegistryClient } = await import('../registry/index.js')
  const token = flags.token ?? io.env.STANDIN_REGISTRY_TOKEN
  return createRegistryClient({
    url: url ?? flags.registry ?? (io.env.STANDIN_REGISTRY_URL || DEFAULT_URL),
    urlFrom: url !== undefined ? '--publish' : '--registry (STANDIN_REGISTRY_URL)',
    ...(token !== undefined && token !== '' ? { token } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  })
}

/**
 * Runs `work`; a registry refusal prints one line and gives exit 1, any other registry failure
 * becomes a one-line `StandinError` (exit 2), prefixed with the command.
 */
export async function withRegistry(
  command: string,
  io: CliIO,
  work: () => Promise<number>,
): Promise<number> {
  const { RegistryClientError } = await import('../registry/index.js')
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof RegistryClientError)) throw error
    if (error.refused) {
      io.stderr(`standin ${command}: ${error.message}\n`)
      return 1
    }
    throw new StandinError(error.code, `standin ${command}: ${error.message}`)
  }
}

/**
 * `fraud-model@2.1.0` split at its last `@`, or a usage error naming `what`. With `range`, what
 * follows the `@` is a semver range, which may hold spaces (`>=1.2.0 <2.0.0`, `1.x || 2.x`) and
 * is checked as one.
 */
export function nameAt(
  command: string,
  text: string,
  what: string,
  example: string,
  range = false,
): { name: string; version: string } {
  const at = text.lastIndexOf('@')
  const name = at > 0 ? text.slice(0, at) : ''
  const version = at > 0 ? text.slice(at + 1).trim() : ''
  if (name === '' || version === '' || /\s/.test(range ? name : text))
    throw usageError(
      command,
      `${what} must be written name@${range ? 'range' : 'version'}, such as ${example}, not '${text}'.`,
    )
  if (range && validRange(version) === null)
    throw usageError(
      command,
      `'${version}' in ${what} is not a semver range; use one such as ^1.2, ~1.2.3 or '>=1.0.0 <2.0.0' (quoted, for its spaces).`,
    )
  return { name, version }
}
