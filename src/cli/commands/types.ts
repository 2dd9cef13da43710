import { writeFailure } from '../../write-text-file.js'
import { statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { makeFolder } from '../../make-folder.js'
import { join } from 'node:path'
import { loadContracts } from '../../contract/index.js'
import { StandinError } from '../../errors.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import { flag, usageError } from '../flags.js'

/** The file `standin types` writes in the `--out` folder. */
export const TYPES_FILE = 'contracts.ts'

/** An `--out` that ends so (and is not a folder) is the file to write. */
const typesFileEnding = /\.[cm]?ts$/i

/** `standin types <contract|dir>... --out <dir>`: TypeScript types for inputs and outputs. */
export const typesCommand = defineCommand({
  name: 'types',
  summary: 'Write TypeScript types for contract inputs and outputs',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of *.contract.yaml',
      variadic: true,
    },
  ],
  flags: {
    out: flag.outputFolder({
      short: 'o',
      description: `Folder to write ${TYPES_FILE} into, or a .ts file to write ('-' prints it instead)`,
      fileEnding: typesFileEnding,
    }),
  },
  footer: [
    'Writes <Name>Input and <Name>Output for each contract and a Contracts map from name to both.',
    "Load a contract as loadContract<Contracts['name']>(...) and createMock, verify and",
    'contractTests check your code against it at compile time.',
    'The file is byte-for-byte the same for the same contracts: commit it or generate it in CI.',
  ],
  run: async ({ positionals, flags, io }) => {
    const out = flags.out
    if (out === undefined)
      throw usageError('types', '--out <dir> is required (or --out - to print).', true)
    const contracts = await loadContracts(positionals, loadOptions(io))
    // Loaded on demand: json-schema-to-typescript (and its prettier) would slow every command's start.
    const { generateTypes } = await import('../../types/index.js')
    const source = await generateTypes(contracts)
    if (out.stdio) {
      io.stdout(source)
      return 0
    }
    const folder = statSync(out.path, { throwIfNoEntry: false })?.isDirectory() === true
    const file = !folder && typesFileEnding.test(out.path)
    const [path, shown] = file
      ? [out.path, out.shown]
      : [join(out.path, TYPES_FILE), join(out.shown, TYPES_FILE)]
    try {
      if (!file) await makeFolder(out.path)
      await writeFile(path, source)
    } catch (error) {
      throw new StandinError(
        'cli.output',
        `standin types: cannot write ${shown} (${writeFailure(error)}). Check the --out ${file ? 'file' : 'folder'}.`,
      )
    }
    io.stdout(
      `Wrote ${shown}: types for ${contracts.length} contract${contracts.length === 1 ? '' : 's'}.\n`,
    )
    return 0
  },
})
