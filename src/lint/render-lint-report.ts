/**
 * How `standin lint` shows its report: text lines, JSON for machines, GitHub workflow commands.
 * The CLI picks one by `--format`; the renderers live beside the report they render.
 */
import pc from 'picocolors'
import { formatProblem } from '../errors.js'
import type { Problem } from '../errors.js'
import { plural } from '../plural.js'
import type { LintReport } from './lint-contracts.js'

/** GitHub Actions workflow commands: one ::error or ::warning line per problem. */
export function renderLintGithub(problems: readonly Problem[]): string {
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

/**
 * The text report: one line per problem (`warning:` in yellow before a warning), the dialect
 * notes under `--verbose`, and a summary line.
 */
export function renderLintText(
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

/** The JSON report: counts, and each contract's problems with their line and column. */
export function renderLintJson(
  report: LintReport,
  located: readonly Problem[],
  verbose: boolean,
): unknown {
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
