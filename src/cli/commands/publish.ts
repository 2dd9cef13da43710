/**
 * `standin publish <contract>`: sends the contract to the registry, bundled so that it stands
 * alone, with the file as written. The registry refuses a version that exists with other
 * content, a bump too small for the changes, and a change that breaks a consumer's fields.
 */
import { defineCommand } from '../command.js'
import type { CliIO } from '../command.js'
import type { FlagValues } from '../flags.js'
import { loadOptions } from '../load-options.js'
import { registryClient, registryFlags, registryFooter, withRegistry } from '../registry-flags.js'

const publishFlags = { ...registryFlags }

async function run(
  file: string,
  flags: FlagValues<typeof publishFlags>,
  io: CliIO,
): Promise<number> {
  const { bundleContract } = await import('../../registry/index.js')
  const registry = await registryClient(flags, io)
  const bundled = await bundleContract(file, loadOptions(io))
  return withRegistry('publish', io, async () => {
    const result = await registry.publish(bundled.name, bundled.version, {
      contract: bundled.document,
      source: bundled.source,
    })
    const what = `${result.name}@${result.version}`
    const diff = result.diff
      ? ` (${result.diff.changes.length} change${result.diff.changes.length === 1 ? '' : 's'} from ${result.diff.from}: needs ${result.diff.required === 'none' ? 'no' : `a ${result.diff.required}`} bump)`
      : ''
    io.stdout(
      result.created
        ? `standin publish: published ${what} to ${registry.url}${diff}, digest ${result.digest}\n`
        : `standin publish: ${what} is already published with the same content at ${registry.url}; nothing changed (digest ${result.digest})\n`,
    )
    return 0
  })
}

/** `standin publish`. */
export const publishCommand = defineCommand({
  name: 'publish',
  summary: 'Publish a contract version to a registry (bundled, so it stands alone)',
  positionals: [{ name: 'contract', description: 'The contract file to publish', required: true }],
  flags: publishFlags,
  footer: [
    'Every $ref to another file is inlined; the file as written is sent too, for display.',
    'Versions are immutable: the same content again is a no-op, other content under the same version is refused.',
    'A new version is refused when its semver bump is smaller than its changes need, or when it',
    "breaks a field a registered consumer reads ('standin consume').",
    ...registryFooter,
    '',
    'Example:',
    '  STANDIN_REGISTRY_TOKEN=stk_... standin publish contracts/transaction-classifier.contract.yaml --registry http://127.0.0.1:4400',
  ],
  run: ({ positionals, flags, io }) => run(positionals[0] ?? '', flags, io),
})
