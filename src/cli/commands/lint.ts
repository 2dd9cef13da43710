import pc from 'picocolors'
import { ContractError, lintContracts } from '../../contract/index.js'
import type { LintReport } from '../../contract/index.js'
import { formatProblem, StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin lint <contract|dir>...`: every problem of every contract, in one run. */
export const lintCommand: CommandSpec = {
  name: 'lint',
  summary: 'Check contracts; exit 1 on problems',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.yaml',
      variadic: true,
    },
  ],
  options: {
    format: {
      type: 'string',
      valueName: 'text|json',
      description: 'Print problems as text lines or as JSON for machines',
      defaultText: 'text',
    },
    strict: { type: 'boolean', description: 'Exit 1 on warnings too' },
    verbose: {
      type: 'boolean',
      description: 'Also say which JSON Schema dialect each schema and schema file was read in',
    },
  },
  footer: [
    'Each problem is one line: file#/json/pointer: what is wrong. What to do.',
    'Exit codes: 0 no errors, 1 problems found, 2 a file could not be read.',
  ],
  run: async ({ positionals, values, io }) => {
    const format = values.format ?? 'text'
    if (format !== 'text' && format !== 'json') {
      throw new StandinError(
        'cli.usage',
        `standin lint: --format must be text or json, not '${String(format)}'.`,
      )
    }
    const report = await lintContracts(positionals, { cwd: io.cwd })
    const readable = report.contracts.filter(
      (c) => !c.problems.some((p) => report.fatal.includes(p)),
    )
    if (format === 'json') {
      io.stdout(`${JSON.stringify(jsonReport(report, values.verbose === true), null, 2)}\n`)
    } else if (readable.length > 0 || report.fatal.length === 0) {
      io.stdout(
        textReport(report, readable.length, colours(io.isTTY, io.env), values.verbose === true),
      )
    }
    if (report.fatal.length > 0) throw new ContractError(report.fatal)
    return report.errors > 0 || (values.strict === true && report.warnings > 0) ? 1 : 0
  },
}

function textReport(
  report: LintReport,
  checked: number,
  colour: boolean,
  verbose: boolean,
): string {
  const c = colour ? pc : pc.createColors(false)
  const notes = verbose
    ? report.contracts.flatMap((contract) =>
        contract.dialects.map(
          (d) =>
            `${c.dim('note:')} ${d.file ?? '<contract>'}#${d.pointer}: read as JSON Schema ${d.dialect}`,
        ),
      )
    : []
  const lines = report.problems
    .filter((p) => !report.fatal.includes(p))
    .map((p) =>
      p.severity === 'warning' ? `${c.yellow('warning:')} ${formatProblem(p)}` : formatProblem(p),
    )
  const counts = [
    report.errors - report.fatal.length > 0
      ? plural(report.errors - report.fatal.length, 'error')
      : '',
    report.warnings > 0 ? plural(report.warnings, 'warning') : '',
  ].filter(Boolean)
  lines.unshift(...notes)
  const summary = `${plural(checked, 'contract')} checked: ${counts.length > 0 ? counts.join(', ') : 'no problems'}.`
  lines.push(counts.length > 0 ? summary : c.green(summary))
  return `${lines.join('\n')}\n`
}

function jsonReport(report: LintReport, verbose: boolean): unknown {
  return {
    errors: report.errors,
    warnings: report.warnings,
    contracts: report.contracts.map((c) => ({
      file: c.file,
      name: c.name,
      errors: c.problems.filter((p) => p.severity === 'error').length,
      warnings: c.problems.filter((p) => p.severity === 'warning').length,
      problems: c.problems,
      ...(verbose ? { dialects: c.dialects } : {}),
    })),
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function colours(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb'
}
