/**
 * `standin compare <contract> --baseline <url|recording> --candidate <url|recording>`: champion
 * against challenger on the same inputs. Exit 1 when a threshold (the contract's
 * `checks.compare`, or a flag) is crossed.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadContract } from '../../contract/index.js'
import { redactedTarget } from '../../redacted-target.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { seedFlag } from '../common-flags.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { driftThresholdFlags, reporterFlag } from './traffic-flags.js'
import { refuseOverwritingInputs, reporterOutputs } from '../output-guard.js'

const compareFlags = {
  baseline: flag.string({
    valueName: 'url|recording',
    description: 'The champion: a model URL or a recording of its answers',
  }),
  candidate: flag.string({
    valueName: 'url|recording',
    description: 'The challenger: a model URL or a recording of its answers',
  }),
  inputs: flag.input({
    description: 'Inputs for two URLs: a recording, JSON Lines or CSV (default: generated)',
  }),
  cases: flag.integer({
    short: 'n',
    min: 1,
    defaultText: '200',
    description: 'Generated inputs, when no recording or --inputs gives them',
  }),
  seed: seedFlag('Seed of the generated inputs'),
  'min-agreement': flag.number({
    min: 0,
    max: 1,
    example: '0.95',
    description: 'Smallest share of equal labels per label field',
  }),
  'max-mean-abs-diff': flag.number({
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    example: '0.5',
    description: 'Largest mean absolute difference per number field',
  }),
  'max-abs-diff': flag.number({
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    example: '5',
    description: 'Largest absolute difference per number field',
  }),
  'min-correlation': flag.number({
    min: -1,
    max: 1,
    example: '0.9',
    description: 'Smallest Pearson correlation per number field',
  }),
  'max-latency-ratio': flag.number({
    min: 0,
    max: 1000,
    example: '1.5',
    description: 'Largest candidate p99 / baseline p99',
  }),
  ...driftThresholdFlags,
  timeout: flag.duration({ defaultText: '10s', description: 'Per-request timeout' }),
  concurrency: flag.integer({
    short: 'c',
    min: 1,
    defaultText: '8',
    description: 'Requests in flight per model',
  }),
  reporter: reporterFlag,
}

type CompareFlags = FlagValues<typeof compareFlags>

function side(role: 'baseline' | 'candidate', raw: string | undefined, cwd: string) {
  if (raw === undefined || raw === '')
    throw usageError('compare', `--${role} is required: a model URL or a recording.`)
  if (/^https?:\/\//i.test(raw)) return { kind: 'url' as const, url: raw }
  const path = resolve(cwd, raw)
  if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true)
    throw usageError(
      'compare',
      `--${role} must be an http(s) URL or a recording file that exists, not '${redactedTarget(raw)}'.`,
    )
  return { kind: 'recording' as const, path, shown: raw }
}

async function run(
  positionals: readonly string[],
  flags: CompareFlags,
  io: CliIO,
): Promise<number> {
  const [file] = positionals
  if (file === undefined) throw usageError('compare', 'give the contract both models serve.', true)
  const baseline = side('baseline', flags.baseline, io.cwd)
  const candidate = side('candidate', flags.candidate, io.cwd)
  const { parseReporters } = await import('../../report/index.js')
  const choices = parseReporters(flags.reporter, io.cwd)
  const read: (string | undefined)[] = [
    baseline.kind === 'recording' ? baseline.path : undefined,
    candidate.kind === 'recording' ? candidate.path : undefined,
    flags.inputs?.path,
  ]
  const contract = await loadContract(file, {
    ...loadOptions(io),
    onFileRead: (path) => read.push(path),
  })
  refuseOverwritingInputs('compare', reporterOutputs(flags.reporter, choices), read)
  const { compare, withOverrides, writeTrafficReports } = await import('../../traffic/index.js')
  const thresholds = withOverrides(contract.checks.compare, {
    minAgreement: flags['min-agreement'],
    maxMeanAbsDiff: flags['max-mean-abs-diff'],
    maxAbsDiff: flags['max-abs-diff'],
    minCorrelation: flags['min-correlation'],
    maxLatencyRatio: flags['max-latency-ratio'],
    maxPsi: flags['max-psi'],
    minPValue: flags['min-p-value'],
  })
  const result = await compare(contract, {
    baseline,
    candidate,
    ...(flags.inputs ? { inputs: { path: flags.inputs.path, shown: flags.inputs.shown } } : {}),
    ...(flags.cases !== undefined ? { cases: flags.cases } : {}),
    seed: flags.seed ?? contract.mock.seed ?? 1,
    thresholds,
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    warn: (m) => io.stderr(`standin compare: warning: ${m}\n`),
  })
  await writeTrafficReports(result, choices, io)
  return result.verdict === 'failed' ? 1 : 0
}

/** `standin compare`. */
export const compareCommand = defineCommand({
  name: 'compare',
  summary: 'Compare a candidate model with the baseline on the same inputs',
  positionals: [
    { name: 'contract', description: 'The contract both models serve', required: true },
  ],
  flags: compareFlags,
  footer: [
    'Labels: agreement and confusion matrix; numbers: mean and max |difference| and correlation;',
    'both: PSI and chi-square / Kolmogorov-Smirnov p-values; latency percentiles side by side.',
    "Thresholds: the contract's checks.compare, overridden by the flags.",
    'Exit codes: 0 within every threshold, 1 a threshold crossed, 2 compare could not run.',
    '',
    'Example:',
    '  standin compare contracts/transaction-classifier.contract.yaml --baseline http://127.0.0.1:8080 \\',
    '    --candidate http://127.0.0.1:8081 --inputs transactions.csv --min-agreement 0.95 --reporter html:compare.html',
  ],
  run: ({ positionals, flags, io }) => run(positionals, flags, io),
})
