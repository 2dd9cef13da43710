import { didYouMean } from './did-you-mean.js'
import type { ReportProblem } from './detect-draft.js'
import { schemaAtPath } from './schema-at-path.js'
import { escapeToken, isObject } from '../json/index.js'

/**
 * Checks that every path in `checks` names a field the input or output schema declares. A side
 * whose schema is undefined (it did not compile) is not checked.
 */
export function checkPaths(
  data: Record<string, unknown>,
  input: unknown,
  output: unknown,
  error: ReportProblem,
): void {
  const checks = isObject(data.checks) ? data.checks : {}
  const check = (at: string, path: unknown, side: 'input' | 'output'): void => {
    const schema = side === 'input' ? input : output
    if (typeof path !== 'string' || schema === undefined) return
    const found = schemaAtPath(schema, path)
    if (found.found) return
    const rest = path.slice(found.at.length + 1).split('/')[0] ?? ''
    const guess = didYouMean(rest, found.names)
    error(
      at,
      'contract.unknown-path',
      `${path} is not a field of the ${side} schema`,
      guess
        ? `Did you mean "${found.at}/${guess}"?`
        : `Point it at a field the ${side} schema declares.`,
    )
  }
  for (const kind of ['invariance', 'directional']) {
    const list = checks[kind]
    if (!Array.isArray(list)) continue
    list.forEach((item: unknown, i) => {
      if (!isObject(item)) return
      if (isObject(item.perturb))
        check(`/checks/${kind}/${i}/perturb/path`, item.perturb.path, 'input')
      if (isObject(item.expect))
        check(`/checks/${kind}/${i}/expect/path`, item.expect.path, 'output')
    })
  }
  // `checks.compare.fields` keys are output pointers; `checks.drift.fields` keys may name a
  // field of either side.
  for (const kind of ['compare', 'drift'] as const) {
    const section = checks[kind]
    if (!isObject(section) || !isObject(section.fields)) continue
    for (const key of Object.keys(section.fields)) {
      const at = `/checks/${kind}/fields/${escapeToken(key)}`
      if (kind === 'drift' && input !== undefined && schemaAtPath(input, key).found) continue
      if (kind === 'drift' && output !== undefined && !schemaAtPath(output, key).found) {
        error(
          at,
          'contract.unknown-path',
          `${key} is not a field of the input or output schema`,
          'Point it at a field one of the schemas declares.',
        )
        continue
      }
      check(at, key, 'output')
    }
  }
  if (Array.isArray(checks.distribution)) {
    checks.distribution.forEach((item: unknown, i) => {
      if (isObject(item)) check(`/checks/distribution/${i}/path`, item.path, 'output')
    })
  }
}
