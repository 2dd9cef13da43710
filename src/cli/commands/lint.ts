import { ContractError } from '../../contract/index.js'
import {
  lintContracts,
  renderLintGithub,
  renderLintJson,
  renderLintText,
} from '../../lint/index.js'
import { useColour } from '../../colour.js'
import type { Problem } from '../../errors.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
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
    const report = await lintContracts(positionals, loadOptions(io))
    const fatal = new Set(report.fatal)
    const located = await locateProblems(report.problems, io.cwd)
    const shown = located.filter((_, i) => !fatal.has(report.problems[i] as Problem))
    const readable = report.contracts.filter((c) => !c.problems.some((p) => fatal.has(p)))
    if (flags.format === 'json')
      io.stdout(`${JSON.stringify(renderLintJson(report, located, flags.verbose), null, 2)}\n`)
    else if (flags.format === 'github') io.stdout(renderLintGithub(located))
    else if (readable.length > 0 || report.fatal.length === 0) {
      io.stdout(renderLintText(report, shown, readable.length, useColour(io), flags.verbose))
    }
    if (report.fatal.length > 0) throw new ContractError(report.fatal)
    return report.errors > 0 || (flags.strict && report.warnings > 0) ? 1 : 0
  },
})
