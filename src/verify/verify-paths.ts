/** Checks, before any traffic, that every path the contract's checks name exists in its schemas. */
import { schemaAtPath } from '../contract/index.js'
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import { VerifyError } from './verify-error.js'

/**
 * Throws when a check refers to a path the input or output schema does not have.
 *
 * @throws {VerifyError} `verify.check-path`, one problem per path.
 */
export function assertCheckPaths(contract: Contract): void {
  const problems: Problem[] = []
  const look = (pointer: string, path: string, side: 'input' | 'output'): void => {
    const found = schemaAtPath(side === 'input' ? contract.input : contract.output, path)
    if (!found.found)
      problems.push({
        code: 'verify.check-path',
        severity: 'error',
        ...(contract.file !== undefined ? { file: contract.file } : {}),
        pointer,
        message: `"${path}" is not a path of the ${side} schema${found.names.length > 0 ? ` (at ${found.at || '/'} there are ${found.names.map((n) => `"${n}"`).join(', ')})` : ''}`,
        hint: `Point it at a field of the ${side}.`,
      })
  }
  for (const kind of ['invariance', 'directional'] as const)
    contract.checks[kind]?.forEach((c, i) => {
      look(`/checks/${kind}/${i}/perturb/path`, c.perturb.path, 'input')
      look(`/checks/${kind}/${i}/expect/path`, c.expect.path, 'output')
    })
  contract.checks.distribution?.forEach((c, i) =>
    look(`/checks/distribution/${i}/path`, c.path, 'output'),
  )
  if (problems.length > 0) {
    const first = problems[0]
    const where = `${first?.file ?? `contract "${contract.name}"`}#${first?.pointer ?? ''}`
    throw new VerifyError(
      'verify.check-path',
      `${where}: ${first?.message ?? ''}. ${first?.hint ?? ''}${problems.length > 1 ? ` (${problems.length - 1} more)` : ''}`,
      problems,
    )
  }
}
