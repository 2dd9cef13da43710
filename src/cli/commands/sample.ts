import { readFile } from 'node:fs/promises'
import { loadContract } from '../../contract/index.js'
import { StandinError } from '../../errors.js'
import { withoutByteOrderMark } from '../../byte-order-mark.js'
import { eachSample } from '../../generate/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { seedFlag } from '../common-flags.js'
import { flag, usageError } from '../flags.js'
import type { FileValue } from '../flags.js'

const missingStdin = (): Promise<string> => Promise.reject(new Error('no standard input'))

/** `standin sample <contract>`: generated outputs (or inputs) as JSON Lines. */
export const sampleCommand = defineCommand({
  name: 'sample',
  summary: 'Print generated outputs or inputs as JSON Lines',
  positionals: [{ name: 'contract', description: 'The contract file', required: true }],
  flags: {
    count: flag.integer({
      short: 'n',
      min: 1,
      default: 1,
      description: 'How many values to print',
    }),
    seed: seedFlag('Seed: the same seed prints the same bytes'),
    side: flag.enum({
      values: ['output', 'input'],
      default: 'output',
      description: 'Outputs of the stand-in, or valid inputs (what contract tests send)',
    }),
    for: flag.input({
      valueName: 'input.json',
      description: "Print the stand-in's answer to this one input (a JSON file; '-' reads stdin)",
    }),
  },
  footer: [
    'Each line is one JSON value. Outputs answer freshly drawn inputs unless --for is given.',
    'Example: standin sample contracts/fraud.contract.yaml --count 5 --seed 7',
  ],
  run: async ({ positionals, flags, io }) => {
    const [path, ...rest] = positionals
    if (path === undefined || rest.length > 0)
      throw usageError('sample', 'give exactly one contract.', true)
    if (flags.for !== undefined && flags.side === 'input')
      throw usageError('sample', '--for answers an input, so it needs --side output.')
    const input = flags.for === undefined ? undefined : await readInput(flags.for, io)
    const contract = await loadContract(path, loadOptions(io))
    const samples = eachSample(contract, {
      side: flags.side,
      count: flags.count,
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(input !== undefined ? { input, inputFile: shownInput(flags.for) } : {}),
    })
    // Streamed in 64 KiB pieces at the reader's pace: any --count in bounded memory, and a
    // reader that goes (| head) stops the drawing.
    const write = io.write ?? ((text: string) => Promise.resolve((io.stdout(text), true)))
    let piece = ''
    for (const sample of samples) {
      piece += `${JSON.stringify(sample)}\n`
      if (piece.length < 64 * 1024) continue
      if (!(await write(piece))) return 0
      piece = ''
    }
    if (piece !== '') await write(piece)
    return 0
  },
})

/** The --for file as messages name it. */
function shownInput(file: FileValue | undefined): string {
  return file === undefined || file.stdio ? '<stdin>' : file.shown
}

async function readInput(file: FileValue, io: CliIO): Promise<unknown> {
  const shown = shownInput(file)
  let text: string
  try {
    text = file.stdio ? await (io.stdin ?? missingStdin)() : await readFile(file.path, 'utf8')
  } catch {
    throw new StandinError(
      'cli.usage',
      `${shown}: cannot read the input file. Check the path given to --for.`,
    )
  }
  try {
    return JSON.parse(withoutByteOrderMark(text)) as unknown
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StandinError(
      'input.invalid',
      `${shown}: is not valid JSON (${reason}). Give one JSON input record.`,
    )
  }
}
