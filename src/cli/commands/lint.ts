import pc from 'picocolors'
import { ContractError } from '../../contract/index.js'
import { lintContracts } from '../../lint/index.js'
import type { LintReport } from '../../lint/index.js'
import { useColour } from '../../colour.js'
import { formatProblem } from '../../errors.js'
import type { Problem } from '../../errors.js'
import { defineCommand } from '../command.js'
import { flag } from '../flags.js'
import { locateProblems } from '../locate-problems.js'

/** `standin lint <contract|dir>...`: every problem of every contract, in one run. */
export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'Check contracts; exit 1 on problems',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.yaml',
      variadic: true,
    },
  ],
  flags: {
    format: flag.enum({
      short: 'f',
      values: ['text', 'json', 'github'],
      default: 'text',
      description: 'Problems as text lines, JSON for machines, or GitHub annotations',
    }),
    strict: flag.boolean({ description: 'Exit 1 on warnings too' }),
    verbose: flag.boolean({
      description: 'Also say which JSON Schema dialect each schema and schema file was read in',
    }),
  },
  footer: [
    'Each problem is one line: file:line:column#/json/pointer: what is wrong. What to do.',
    '--format github prints ::error / ::warning workflow commands, shown on the pull request.',
    'Exit codes: 0 no errors, 1 problems found, 2 a file could not be read.',
  ],
  run: async ({ positionals, flags, io }) => {
    const report = await lintContracts(positionals, { cwd: io.cwd })
    const fatal = new Set(report.fatal)
    const located = await locateProblems(report.problems, io.cwd)
    const shown = located.filter((_, i) => !fatal.has(report.problems[i] as Problem))
    const readable = report.contracts.filter((c) => !c.problems.some((p) => fatal.has(p)))
    if (flags.format === 'json')
      io.stdout(`${JSON.stringify(jsonReport(report, located, flags.verbose), null, 2)}\n`)
    else if (flags.format === 'github') io.stdout(githubReport(located))
    else if (readable.length > 0 || report.fatal.length === 0) {
      io.stdout(textReport(report, shown, readable.length, useColour(io), flags.verbose))
    }
    if (report.fatal.length > 0) throw new ContractError(report.fatal)
    return report.errors > 0 || (flags.strict && report.warnings > 0) ? 1 : 0
  },
})

/** GitHub Actions workflow commands: one ::error or ::warning line per problem. */
function githubReport(problems: readonly Problem[]): string {
  const data = (text: string): string =>
    text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const property = (text: string): string => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
  return problems
    .map((p) => {
      const where = [
        p.file !== undefined ? `file=${property(p.file)}` : '',
        p.line !== undefined ? `line=${p.line}` : '',
        p.column !== undefined ? `col=${p.column}` : '',
        `title=${property(`standin ${p.code}`)}`,
      ].filter(Boolean)
      const message = `${p.pointer || '/'}: ${p.message.replace(/[.\s]+$/, '')}.${p.hint ? ` ${p.hint}` : ''}`
      return `::${p.severity === 'warning' ? 'warning' : 'error'} ${where.join(',')}::${data(message)}\n`
    })
    .join('')
}

function textReport(
  report: LintReport,
  problems: readonly Problem[],
  checked: number,
  colour: boolean,
  verbose: boolean,
): string {
  const c = pc.createColors(colour)
  const notes = verbose
    ? report.contracts.flatMap((contract) =>
        contract.dialects.map(
          (d) =>
            `${c.dim('note:')} ${d.file ?? '<contract>'}#${d.pointer}: read as JSON Schema ${d.dialect}`,
        ),
      )
    : []
  const lines = problems.map((p) =>
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

function jsonReport(report: LintReport, located: readonly Problem[], verbose: boolean): unknown {
  const position = new Map(report.problems.map((p, i) => [p, located[i] ?? p]))
  return {
    errors: report.errors,
    warnings: report.warnings,
    contracts: report.contracts.map((c) => ({
      file: c.file,
      name: c.name,
      errors: c.problems.filter((p) => p.severity === 'error').length,
      warnings: c.problems.filter((p) => p.severity === 'warning').length,
      problems: c.problems.map((p) => position.get(p) ?? p),
      ...(verbose ? { dialects: c.dialects } : {}),
    })),
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
