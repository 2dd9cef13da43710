/**
 * `standin approve <model>@<version> --contract <name>@<version> --by <who> [--note] [--report-hash H]`:
 * a human sign-off of one verification report, tied to its hash. Without `--report-hash`, the
 * newest passing verification of that model against that contract version is signed (its hash is
 * printed). The registry refuses an approval of a failed verification.
 */
import { defineCommand } from '../command.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import {
  nameAt,
  registryClient,
  registryFlags,
  registryFooter,
  withRegistry,
} from '../registry-flags.js'

const approveFlags = {
  contract: flag.string({
    valueName: 'name@version',
    description: 'The contract version the model was verified against (required)',
  }),
  by: flag.string({ valueName: 'who', description: 'Who signs off (required)' }),
  note: flag.string({ valueName: 'text', description: 'Why, or on what conditions' }),
  'report-hash': flag.string({
    valueName: 'sha256',
    defaultText: 'the newest passing verification',
    description: 'The hash of the verification report signed off (verify --publish printed it)',
  }),
  ...registryFlags,
}

async function run(
  target: string,
  flags: FlagValues<typeof approveFlags>,
  io: CliIO,
): Promise<number> {
  const model = nameAt('approve', target, '<model>@<version>', 'fraud-model@2.1.0')
  if (flags.contract === undefined)
    throw usageError(
      'approve',
      '--contract is required: the contract version, such as transaction-classifier@1.2.0.',
    )
  const contract = nameAt('approve', flags.contract, '--contract', 'transaction-classifier@1.2.0')
  const by = flags.by?.trim() ?? ''
  if (by === '') throw usageError('approve', '--by is required: who signs off.')
  const hash = flags['report-hash']?.toLowerCase()
  if (hash !== undefined && !/^[0-9a-f]{64}$/.test(hash))
    throw usageError(
      'approve',
      `--report-hash must be a sha256 in hex (64 characters), not '${flags['report-hash'] ?? ''}'.`,
    )
  const registry = await registryClient(flags, io)
  const pair = `${model.name}@${model.version} against ${contract.name}@${contract.version}`
  return withRegistry('approve', io, async () => {
    let reportHash = hash
    if (reportHash === undefined) {
      const list = await registry.verifications({
        model: `${model.name}@${model.version}`,
        contract: `${contract.name}@${contract.version}`,
      })
      const passed = list.find((v) => v.verdict === 'passed')
      if (!passed) {
        io.stderr(
          `standin approve: no passing verification of ${pair} is recorded at ${registry.url}; run standin verify ... --publish ${registry.url} --model ${model.name}@${model.version} first.\n`,
        )
        return 1
      }
      reportHash = passed.reportHash
      io.stdout(
        `standin approve: signing the newest passing verification ${passed.id} (report sha256 ${reportHash})\n`,
      )
    }
    const approval = await registry.approve({
      model,
      contract,
      reportHash,
      by,
      ...(flags.note !== undefined ? { note: flags.note } : {}),
    })
    io.stdout(
      `standin approve: ${pair} approved by ${approval.by} (approval ${approval.id}, verification ${approval.verificationId}, report sha256 ${approval.reportHash})\n`,
    )
    return 0
  })
}

/** `standin approve`. */
export const approveCommand = defineCommand({
  name: 'approve',
  summary: 'Sign off a verification of a model version against a contract version',
  positionals: [
    { name: 'model@version', description: 'The model version signed off', required: true },
  ],
  flags: approveFlags,
  footer: [
    'The approval is tied to one verification report by its sha256; a failed verification cannot be approved.',
    ...registryFooter,
    '',
    'Example:',
    "  standin approve fraud-model@2.1.0 --contract transaction-classifier@1.2.0 --by 'A. Jones' --note 'checked the drift'",
  ],
  run: ({ positionals, flags, io }) => run(positionals[0] ?? '', flags, io),
})
