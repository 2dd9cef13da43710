/**
 * `standin can-swap <model>@<version> --contract <name> [--require-approval]`: the swap gate.
 * Exit 0 only when, for every contract version a registered consumer depends on (the latest when
 * none is registered), the model version has a passing verification and, when asked, an
 * approval; otherwise exit 1 with each missing piece on its own line.
 */
import type { CanSwap } from '../../registry/index.js'
import { defineCommand } from '../command.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { nameAt, registryClient, registryFlags, withRegistry } from '../registry-flags.js'

const canSwapFlags = {
  contract: flag.string({
    valueName: 'name',
    description: 'The contract the model serves (required)',
  }),
  'require-approval': flag.boolean({
    description: 'Also require an approval of each passing verification',
  }),
  ...registryFlags,
}

/** The answer as text: a verdict line, one row per contract version, then what is missing. */
export function renderCanSwap(answer: CanSwap): string {
  const model = `${answer.model.name}@${answer.model.version}`
  const rows = answer.rows.map((row) => [
    row.contractVersion,
    row.consumers.length === 0 ? '(latest)' : row.consumers.join(', '),
    row.verification
      ? `${row.verification.verdict} ${row.verification.reportHash.slice(0, 12)}`
      : 'none',
    row.approval ? `by ${row.approval.by}` : answer.requireApproval ? 'none' : '-',
    row.ok ? 'ok' : 'missing',
  ])
  const header = ['contract version', 'read by', 'verification', 'approval', '']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()
  return [
    `can ${model} serve ${answer.contract}${answer.requireApproval ? ' (approval required)' : ''}: ${answer.canSwap ? 'yes' : 'no'}`,
    line(header),
    ...rows.map(line),
    ...(answer.missing.length > 0 ? ['missing:', ...answer.missing.map((m) => `  ${m}`)] : []),
    '',
  ].join('\n')
}

async function run(
  target: string,
  flags: FlagValues<typeof canSwapFlags>,
  io: CliIO,
): Promise<number> {
  const model = nameAt('can-swap', target, '<model>@<version>', 'fraud-model@2.1.0')
  if (flags.contract === undefined || flags.contract === '')
    throw usageError(
      'can-swap',
      '--contract is required: the name of the contract the model serves.',
    )
  const registry = await registryClient(flags, io)
  return withRegistry('can-swap', io, async () => {
    const answer = await registry.canSwap(
      `${model.name}@${model.version}`,
      flags.contract ?? '',
      flags['require-approval'],
    )
    io.stdout(renderCanSwap(answer))
    return answer.canSwap ? 0 : 1
  })
}

/** `standin can-swap`. */
export const canSwapCommand = defineCommand({
  name: 'can-swap',
  summary: 'Can this model version serve the consumers of a contract? (the swap gate)',
  positionals: [
    { name: 'model@version', description: 'The model version to swap in', required: true },
  ],
  flags: canSwapFlags,
  footer: [
    'Every contract version some registered consumer depends on must have a passing verification of',
    'this model version (and, with --require-approval, an approval); with no consumer, the latest version.',
    'Exit codes: 0 yes, 1 no (the missing pieces are listed), 2 could not ask.',
    '',
    'Example:',
    '  standin can-swap fraud-model@2.1.0 --contract transaction-classifier --require-approval',
  ],
  run: ({ positionals, flags, io }) => run(positionals[0] ?? '', flags, io),
})
