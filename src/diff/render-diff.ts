/** How `standin diff` shows a contract diff as text. */
import type { ContractDiff } from './diff-contracts.js'

/**
 * The text of a contract diff: the versions, one line per change (impact, pointer, what changed),
 * then whether the version bump covers the changes, and if not, the version to use.
 *
 * @example
 * renderDiff(diffContracts(before, after)) // 'classifier 1.0.0 -> 1.1.0\n  compatible  /output...'
 */
export function renderDiff(diff: ContractDiff): string {
  const lines = [`${diff.name} ${diff.from} -> ${diff.to}`]
  for (const change of diff.changes) {
    lines.push(`  ${change.impact.padEnd(10)}  ${change.pointer}: ${change.message}`)
  }
  const counts = (['breaking', 'compatible', 'patch'] as const)
    .map((impact) => [impact, diff.changes.filter((c) => c.impact === impact).length] as const)
    .filter(([, n]) => n > 0)
    .map(([impact, n]) => `${n} ${impact === 'patch' ? 'patch-level' : impact}`)
  const total = diff.changes.length
  const summary = `${counts.join(', ')} change${total === 1 ? '' : 's'}`
  if (diff.required === 'none') {
    lines.push(
      diff.ok
        ? 'No changes.'
        : `No changes, but the version went ${diff.actual === 'down' ? 'down' : 'up'}.`,
    )
  } else if (diff.ok) {
    lines.push(
      `${summary}: ${diff.to} is a ${diff.actual} bump, which covers ${total === 1 ? 'it' : 'them'}.`,
    )
  } else {
    lines.push(
      `${summary} need${total === 1 ? 's' : ''} a ${bumpNeeded(diff)} bump: use ${diff.suggested}, not ${diff.to}.`,
    )
  }
  return `${lines.join('\n')}\n`
}

function bumpNeeded(diff: ContractDiff): string {
  return diff.from.startsWith('0.') && diff.required === 'major' ? 'minor (0.x)' : diff.required
}
