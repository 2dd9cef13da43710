/**
 * `standin proxy <contract> --target <url>`: the validating reverse proxy, until SIGINT/SIGTERM.
 * Prints one line per violation on standard error and, on stop, how many exchanges it recorded.
 */
import { fetchBlockedWarning } from '../../fetch-failure.js'
import { loadContract } from '../../contract/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { plural } from '../../plural.js'

const proxyFlags = {
  target: flag.string({ short: 't', valueName: 'url', description: "The real model's base URL" }),
  port: flag.integer({
    short: 'p',
    min: 0,
    max: 65535,
    default: 4020,
    description: 'Port to listen on; 0 picks a free one',
  }),
  host: flag.string({ valueName: 'HOST', default: '127.0.0.1', description: 'Interface to bind' }),
  record: flag.output({
    description: 'Record exchanges to FILE as JSON Lines (rotated: FILE.1, FILE.2, ...)',
  }),
  sample: flag.number({
    min: 0,
    max: 1,
    example: '0.1',
    valueName: 'RATE',
    defaultText: '1',
    description: 'Share of exchanges recorded (0..1)',
  }),
  'record-max-size': flag.size({
    // A file on disk, never read into memory: up to 1 TiB.
    max: 1024 ** 4,
    valueName: 'SIZE',
    defaultText: '100mb',
    description: 'Rotate the recording when it reaches this size',
  }),
  'record-files': flag.integer({
    min: 0,
    max: 1000,
    defaultText: '5',
    description: 'Rotated recording files kept besides the current one',
  }),
  redact: flag.string({
    repeatable: true,
    valueName: '/pointer',
    description: 'An input field masked as *** in the recording',
  }),
  timeout: flag.duration({
    defaultText: '60s',
    description: "Longest wait for the model's whole answer",
  }),
  'body-limit': flag.size({
    valueName: 'SIZE',
    defaultText: '16mb',
    description: 'Larger request bodies are streamed through unvalidated',
  }),
  quiet: flag.boolean({ short: 'q', description: 'Do not print each violation' }),
}

type ProxyFlags = FlagValues<typeof proxyFlags>

function pointers(command: string, list: readonly string[]): string[] {
  for (const p of list)
    if (!/^(\/([^~/]|~[01])*)*$/.test(p))
      throw usageError(
        command,
        `--redact must be a JSON pointer into the input record such as /narration, not '${p}'.`,
      )
  return [...list]
}

async function run(positionals: readonly string[], flags: ProxyFlags, io: CliIO): Promise<number> {
  const [file] = positionals
  if (file === undefined)
    throw usageError('proxy', 'give the contract of the model behind the proxy.', true)
  if (flags.target === undefined || flags.target === '')
    throw usageError('proxy', "--target is required: the real model's base URL.")
  const contract = await loadContract(file, loadOptions(io))
  let lastWriteError: string | undefined
  const { startProxy, shownUrl } = await import('../../traffic/index.js')
  const proxy = await startProxy(contract, {
    target: flags.target,
    port: flags.port,
    host: flags.host,
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
    ...(flags['body-limit'] !== undefined ? { bodyLimit: flags['body-limit'] } : {}),
    ...(flags.record && !flags.record.stdio
      ? {
          record: {
            file: flags.record.path,
            ...(flags.sample !== undefined ? { sampleRate: flags.sample } : {}),
            ...(flags['record-max-size'] !== undefined
              ? { maxBytes: flags['record-max-size'] }
              : {}),
            ...(flags['record-files'] !== undefined ? { maxFiles: flags['record-files'] } : {}),
            redact: pointers('proxy', flags.redact),
            onError: (error: Error) => {
              // A full disk fails every flush (ten a second): say each new reason once.
              if (error.message === lastWriteError) return
              lastWriteError = error.message
              io.stderr(
                `standin proxy: cannot write the recording (exchanges are still forwarded): ${error.message}\n`,
              )
            },
          },
        }
      : {}),
    ...(flags.quiet
      ? {}
      : { log: (line: string) => io.stderr(`standin proxy: violation: ${line}\n`) }),
  })
  void io.signal
  const blocked = fetchBlockedWarning('standin proxy', Number(new URL(proxy.url).port))
  if (blocked !== undefined) io.stderr(blocked)
  io.stdout(
    `standin proxy: ${contract.name}@${contract.version} (${contract.protocol}) on ${proxy.url} -> ${shownUrl(flags.target)}${flags.record ? `, recording to ${flags.record.shown}` : ''}\n`,
  )
  await new Promise<void>((done) => {
    if (!io.signal) return
    if (io.signal.aborted) return done()
    io.signal.addEventListener('abort', () => done(), { once: true })
  })
  await proxy.close()
  const { seen, kept } = proxy.counts()
  io.stdout(
    `standin proxy: stopped after ${plural(seen, 'exchange')}${flags.record ? ` (${kept} recorded)` : ''}.\n`,
  )
  return 0
}

/** `standin proxy`. */
export const proxyCommand = defineCommand({
  name: 'proxy',
  summary: 'Validate live traffic between a service and a real model, and record it',
  positionals: [
    { name: 'contract', description: 'The contract of the model behind the proxy', required: true },
  ],
  flags: proxyFlags,
  footer: [
    'Every request and answer is forwarded unchanged; inference answers carry x-standin-violations: N.',
    'A model that is down or closes the connection gets the service the same failure; nothing is invented.',
    'Exit codes: 0 stopped cleanly, 2 the proxy could not start.',
    '',
    'Example:',
    '  standin proxy contracts/ticket-router.contract.yaml --target http://127.0.0.1:8080 --port 4020 \\',
    '    --record traffic.jsonl --sample 0.1 --redact /body',
  ],
  run: ({ positionals, flags, io }) => run(positionals, flags, io),
})
