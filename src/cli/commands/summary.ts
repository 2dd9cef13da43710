/**
 * `standin summary <recording|summary>...`: live latency percentiles, failure rate, violations
 * and prediction distribution. Several files (shards) are merged; `--out` writes the mergeable
 * summary file, which `summary` and `drift` read back.
 */
import { writeTextFile } from '../../write-text-file.js'
import { loadContract } from '../../contract/index.js'
import { resolve } from 'node:path'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { reporterFlag } from './traffic-flags.js'
import { refuseOverwritingInputs, reporterOutputs } from '../output-guard.js'

const summaryFlags = {
  contract: flag.input({
    description: "Summarise the contract's fields, and refuse recordings of another contract",
  }),
  out: flag.output({ short: 'o', description: 'Write the mergeable summary (JSON) to FILE' }),
  reporter: reporterFlag,
}

type SummaryFlags = FlagValues<typeof summaryFlags>

async function run(
  positionals: readonly string[],
  flags: SummaryFlags,
  io: CliIO,
): Promise<number> {
  if (positionals.length === 0)
    throw usageError('summary', 'give one or more recordings or summary files.', true)
  const { parseReporters } = await import('../../report/index.js')
  const choices = parseReporters(flags.reporter, io.cwd)
  const sources = positionals.map((p) => ({ path: resolve(io.cwd, p), shown: p }))
  refuseOverwritingInputs(
    'summary',
    [
      ...(flags.out ? [{ flag: `--out ${flags.out.shown}`, path: flags.out.path }] : []),
      ...reporterOutputs(flags.reporter, choices),
    ],
    [...sources.map((s) => s.path), flags.contract?.path],
  )
  const contract = flags.contract
    ? await loadContract(flags.contract.path, loadOptions(io))
    : undefined
  const { summariseSources, summaryReport, writeTrafficReports } =
    await import('../../traffic/index.js')
  const summary = await summariseSources(sources, {
    ...(contract ? { contract } : {}),
    warn: (m) => io.stderr(`standin summary: warning: ${m}\n`),
  })
  if (flags.out) {
    const text = `${JSON.stringify(summary)}\n`
    if (flags.out.stdio) io.stdout(text)
    else
      await writeTextFile(flags.out.path, text, {
        shown: flags.out.shown,
        hint: 'Check the --out path.',
        who: 'standin summary',
      })
  }
  if (!flags.out?.stdio || flags.reporter.length > 0)
    await writeTrafficReports(summaryReport(summary), choices, io)
  return 0
}

/** `standin summary`. */
export const summaryCommand = defineCommand({
  name: 'summary',
  summary: 'Summarise recorded traffic: latency, failures, violations, predictions',
  positionals: [
    {
      name: 'recording|summary',
      description: 'Recordings or summary files (merged)',
      variadic: true,
    },
  ],
  flags: summaryFlags,
  footer: [
    'Shards recorded by several proxies merge: summarise each with --out, then pass the summaries.',
    'Exit codes: 0 summarised, 2 summary could not run.',
    '',
    'Example:',
    '  standin summary traffic-a.jsonl --out a.summary.json && standin summary traffic-b.jsonl --out b.summary.json',
    '  standin summary a.summary.json b.summary.json --reporter console --reporter html:reports/live.html',
  ],
  run: ({ positionals, flags, io }) => run(positionals, flags, io),
})
