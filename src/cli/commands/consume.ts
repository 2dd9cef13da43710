/**
 * `standin consume <name>@<range> --service <svc> [--fields /a,/b]`: a service declares which
 * versions of a contract it depends on and which output fields it reads, so that the registry
 * refuses a publish that breaks them and can-swap knows which versions to check.
 */
import { defineCommand } from '../command.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import {
  nameAt,
  registryClient,
  registryFlags,
  registryFooter,
  withRegistry,
} from '../registry-flags.js'

const consumeFlags = {
  service: flag.string({ valueName: 'name', description: 'The consuming service (required)' }),
  fields: flag.string({
    valueName: '/a,/b',
    defaultText: 'the whole output',
    description: 'Output fields the service reads, as JSON pointers, comma-separated',
  }),
  ...registryFlags,
}

function fieldList(text: string | undefined): string[] {
  if (text === undefined) return []
  const list = text.split(',').map((f) => f.trim())
  for (const f of list)
    if (!/^(\/([^~/]|~[01])*)+$/.test(f))
      throw usageError(
        'consume',
        `--fields must be JSON pointers into one output, comma-separated, such as /category,/confidence; '${f}' is not one.`,
      )
  return list
}

async function run(
  target: string,
  flags: FlagValues<typeof consumeFlags>,
  io: CliIO,
): Promise<number> {
  const { name, version: range } = nameAt(
    'consume',
    target,
    '<name>@<range>',
    'transaction-classifier@^1.2',
    true,
  )
  if (flags.service === undefined || flags.service.trim() === '')
    throw usageError('consume', '--service is required: the service that reads this contract.')
  const fields = fieldList(flags.fields)
  const registry = await registryClient(flags, io)
  return withRegistry('consume', io, async () => {
    const consumer = await registry.consume(flags.service ?? '', name, { range, fields })
    io.stdout(
      `standin consume: ${consumer.service} depends on ${consumer.contract}@${consumer.range} and reads ${consumer.fields.length === 0 ? 'the whole output' : consumer.fields.join(', ')} (${registry.url})\n`,
    )
    return 0
  })
}

/** `standin consume`. */
export const consumeCommand = defineCommand({
  name: 'consume',
  summary: 'Declare that a service depends on a contract range and reads some output fields',
  positionals: [
    {
      name: 'name@range',
      description: 'The contract and the semver range the service accepts',
      required: true,
    },
  ],
  flags: consumeFlags,
  footer: [
    "Declaring again replaces the service's earlier declaration for that contract.",
    ...registryFooter,
    '',
    'Example:',
    '  standin consume transaction-classifier@^1.2 --service checkout --fields /category,/confidence',
  ],
  run: ({ positionals, flags, io }) => run(positionals[0] ?? '', flags, io),
})
