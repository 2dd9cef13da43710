import { ContractError, loadContract } from '../../contract/index.js'
import type { Contract } from '../../contract/index.js'
import { diffContracts, renderDiff } from '../../diff/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import { flag, usageError } from '../flags.js'

/** `standin diff <old> <new>`: breaking and compatible changes, with semver advice. */
export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Compare two versions of a contract: breaking or compatible, semver advice',
  positionals: [
    { name: 'old', description: 'The contract as it was' },
    { name: 'new', description: 'The contract as it is now' },
  ],
  flags: {
    format: flag.enum({
      short: 'f',
      values: ['text', 'json'],
      default: 'text',
      description: 'Print the changes as text or as JSON for machines',
    }),
  },
  footer: [
    'Versions are compared by semver, pre-releases included (1.0.0-rc.1 -> 1.0.0 is a release).',
    'Exit codes: 0 the version bump covers the changes, 1 breaking changes without a major bump',
    '(or a bump too small), 2 a contract could not be loaded.',
    'Tip: compare with the last release: git show v1.2.0:contracts/x.contract.yaml > /tmp/old.yaml',
  ],
  run: async ({ positionals, flags, io }) => {
    const [oldPath, newPath, ...rest] = positionals
    if (oldPath === undefined || newPath === undefined || rest.length > 0)
      throw usageError('diff', 'give exactly two contracts, <old> and <new>.', true)
    const [before, after] = await loadBoth(oldPath, newPath, loadOptions(io))
    const diff = diffContracts(before, after)
    io.stdout(flags.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff))
    return diff.ok ? 0 : 1
  },
})

/**
 * Loads both contracts; when both fail, the problems of both are reported, the old one's first
 * (whichever failed first in time, the output is the same on every run).
 */
async function loadBoth(
  oldPath: string,
  newPath: string,
  options: ReturnType<typeof loadOptions>,
): Promise<[Contract, Contract]> {
  const [before, after] = await Promise.allSettled([
    loadContract(oldPath, options),
    loadContract(newPath, options),
  ])
  if (before.status === 'fulfilled' && after.status === 'fulfilled')
    return [before.value, after.value]
  const failed: unknown[] = [before, after].flatMap((r) =>
    r.status === 'rejected' ? [r.reason as unknown] : [],
  )
  if (failed.length === 2 && failed.every((e) => e instanceof ContractError))
    throw new ContractError(failed.flatMap((e: ContractError) => e.problems))
  throw failed[0]
}
