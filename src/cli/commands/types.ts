import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { loadContracts } from '../../contract/index.js'
import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** The file `standin types` writes in the `--out` folder. */
export const TYPES_FILE = 'contracts.ts'

/** `standin types <contract|dir>... --out <dir>`: TypeScript types for inputs and outputs. */
export const typesCommand: CommandSpec = {
  name: 'types',
  summary: 'Write TypeScript types for contract inputs and outputs',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.yaml',
      variadic: true,
    },
  ],
  options: {
    out: {
      type: 'string',
      valueName: 'dir',
      description: `Folder to write ${TYPES_FILE} into ('-' prints it instead)`,
    },
  },
  footer: [
    'Writes <Name>Input and <Name>Output for each contract and a Contracts map from name to both.',
    'The file is byte-for-byte the same for the same contracts: commit it or generate it in CI.',
  ],
  run: async ({ positionals, values, io }) => {
    const out = values.out
    if (typeof out !== 'string' || out === '') {
      throw new StandinError(
        'cli.usage',
        "standin types: --out <dir> is required (or --out - to print). Run 'standin types --help' for usage.",
      )
    }
    const contracts = await loadContracts(positionals, { cwd: io.cwd })
    // Loaded on demand: json-schema-to-typescript (and its prettier) would slow every command's start.
    const { generateTypes } = await import('../../types/index.js')
    const source = await generateTypes(contracts)
    if (out === '-') {
      io.stdout(source)
      return 0
    }
    const folder = resolve(io.cwd, out)
    try {
      await mkdir(folder, { recursive: true })
      await writeFile(join(folder, TYPES_FILE), source)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'I/O error'
      throw new StandinError(
        'cli.output',
        `standin types: cannot write ${join(out, TYPES_FILE)} (${reason}). Check the --out folder.`,
      )
    }
    io.stdout(
      `Wrote ${join(out, TYPES_FILE)}: types for ${contracts.length} contract${contracts.length === 1 ? '' : 's'}.\n`,
    )
    return 0
  },
}
