/**
 * `standin drift <contract> --reference <report|recording|summary> --live <recording|summary>...`:
 * the live distribution of every input and output field against the reference. Exit 1 when a
 * field crosses the contract's `checks.drift` thresholds (or the flags').
 */
import { loadContract } from '../../contract/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { driftThresholdFlags, reporterFlag } from './traffic-flags.js'
import { refuseOverwritingInputs, reporterOutputs } from '../output-guard.js'

const driftFlags = {
  reference: flag.input({
    description:
      'A verify json report, a recording or a summary the live traffic is judged against',
  }),
  live: flag.input({
    repeatable: true,
    description: 'A recording or a summary of live traffic (shards are merged)',
  }),
  ...driftThresholdFlags,
  reporter: reporterFlag,
}

type DriftFlags = FlagValues<typeof driftFlags>

async function run(positionals: readonly string[], flags: DriftFlags, io: CliIO): Promise<number> {
  const [file] = positionals
  if (file === undefined) throw usageError('drift', 'give the contract of the model.', true)
  if (!flags.reference)
    throw usageError(
      'drift',
      '--reference is required: a verify json report, a recording or a summary.',
    )
  if (flags.live.length === 0)
    throw usageError('drift', '--live is required: a recording or a summary of live traffic.')
  const { parseReporters } = await import('../../report/index.js')
  const choices = parseReporters(flags.reporter, io.cwd)
  const read: string[] = [flags.reference.path, ...flags.live.map((f) => f.path)]
  const contract = await loadContract(file, {
    ...loadOptions(io),
    onFileRead: (path) => read.push(path),
  })
  refuseOverwritingInputs('drift', reporterOutputs(flags.reporter, choices), read)
  const { driftOf, summariseSources, withOverrides, writeTrafficReports } =
    await import('../../traffic/index.js')
  const warn = (message: string): void => io.stderr(`standin drift: warning: ${message}\n`)
  const reference = await summariseSources(
    [{ path: flags.reference.path, shown: flags.reference.shown }],
    { contract, warn },
  )
  const live = await summariseSources(
    flags.live.map((f) => ({ path: f.path, shown: f.shown })),
    { contract, warn },
  )
  const thresholds = withOverrides(contract.checks.drift, {
    maxPsi: flags['max-psi'],
    minPValue: flags['min-p-value'],
  })
  const result = driftOf(reference, live, thresholds)
  await writeTrafficReports(result, choices, io)
  return result.verdict === 'failed' ? 1 : 0
}

/** `standin drift`. */
export const driftCommand = defineCommand({
  name: 'drift',
  summary: 'Judge the drift of live inputs and predictions against a reference',
  positionals: [{ name: 'contract', description: 'The contract of the model', required: true }],
  flags: driftFlags,
  footer: [
    'Per field: PSI, and chi-square (labels) or Kolmogorov-Smirnov (numbers) with p-values.',
    "Thresholds: the contract's checks.drift, overridden by --max-psi and --min-p-value.",
    'Exit codes: 0 no field drifted, 1 a field crossed a threshold, 2 drift could not run.',
    '',
    'Example:',
    '  standin drift contracts/transaction-classifier.contract.yaml --reference reports/verify.json \\',
    '    --live traffic.jsonl --reporter junit:reports/drift.xml --reporter html:reports/drift.html',
  ],
  run: ({ positionals, flags, io }) => run(positionals, flags, io),
})
