/**
 * `standin export openapi <contract|dir>...`: one OpenAPI 3.1 document for the contracts'
 * protocol paths, for gateways, client generators, Prism, Schemathesis and Specmatic.
 */
import { writeTextFile } from '../../write-text-file.js'
import { extname } from 'node:path'
import { stringify } from 'yaml'
import { loadContracts } from '../../contract/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import { flag, usageError } from '../flags.js'
import { refuseOverwritingInputs } from '../output-guard.js'

/** `standin export openapi <contract|dir>...`. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write an OpenAPI 3.1 document for contracts (gateways, client generators, Prism)',
  positionals: [
    { name: 'openapi', description: 'The format to write (openapi)', choices: ['openapi'] },
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.yaml',
      variadic: true,
    },
  ],
  flags: {
    out: flag.output({
      short: 'o',
      description:
        "File to write (.yaml/.yml: YAML, anything else: JSON; '-' or absent: standard output, JSON)",
    }),
    title: flag.string({
      valueName: 'TEXT',
      description: 'info.title (default: the contract name)',
    }),
    version: flag.string({
      valueName: 'X.Y.Z',
      description: 'info.version (default: the contract version)',
    }),
  },
  footer: [
    'Each contract gets its protocol paths (json: its endpoint; json and mlflow under /<name> when',
    'several share a path), request and response bodies, error answers and examples; standin keys',
    'ride along as extensions (x-standin-contract, x-standin hints). The document is validated with',
    '@readme/openapi-parser before it is written.',
    'Exit codes: 0 written, 2 a contract could not be loaded or the contracts clash.',
  ],
  run: async ({ positionals, flags, io }) => {
    // The format is checked against the positional's choices (openapi) before run.
    const [, ...sources] = positionals
    if (sources.length === 0) throw usageError('export', 'missing <contract|dir>.', true)
    const read: string[] = []
    const contracts = await loadContracts(sources, {
      ...loadOptions(io),
      onFileRead: (path) => read.push(path),
    })
    if (flags.out !== undefined)
      refuseOverwritingInputs('export', [{ flag: `--out ${flags.out.shown}`, ...flags.out }], read)
    // Loaded on demand: the OpenAPI parser would slow every other command's start.
    const { exportOpenApi } = await import('../../interop/index.js')
    const document = await exportOpenApi(contracts, {
      ...(flags.title !== undefined ? { title: flags.title } : {}),
      ...(flags.version !== undefined ? { version: flags.version } : {}),
    })
    const out = flags.out
    const yaml = out !== undefined && !out.stdio && /^\.ya?ml$/i.test(extname(out.path))
    const text = yaml
      ? stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })
      : `${JSON.stringify(document, null, 2)}\n`
    if (out === undefined || out.stdio) {
      io.stdout(text)
      return 0
    }
    await writeTextFile(out.path, text, {
      shown: out.shown,
      hint: 'Check the --out path.',
      who: 'standin export',
    })
    io.stdout(
      `Wrote ${out.shown}: OpenAPI 3.1 for ${contracts.length} contract${contracts.length === 1 ? '' : 's'}.\n`,
    )
    return 0
  },
})
