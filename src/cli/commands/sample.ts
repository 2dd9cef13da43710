import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { loadContract } from '../../contract/index.js'
import { StandinError } from '../../errors.js'
import { sampleContract } from '../../generate/index.js'
import type { CommandSpec } from '../command.js'

function integerFlag(value: unknown, flag: string, min: number): number | undefined {
  if (typeof value !== 'string') return undefined
  const text = value
  const n = Number(text)
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new StandinError(
      'cli.usage',
      `standin sample: ${flag} must be an integer${min > 0 ? ` of at least ${min}` : ''}, not '${text}'.`,
    )
  }
  return n
}

/** `standin sample <contract>`: generated outputs (or inputs) as JSON Lines. */
export const sampleCommand: CommandSpec = {
  name: 'sample',
  summary: 'Print generated outputs or inputs as JSON Lines',
  positionals: [{ name: 'contract', description: 'The contract file', required: true }],
  options: {
    count: {
      type: 'string',
      valueName: 'N',
      description: 'How many values to print',
      defaultText: '1',
    },
    seed: {
      type: 'string',
      valueName: 'S',
      description: 'Seed: the same seed prints the same bytes',
      defaultText: "the contract's mock.seed, else 1",
    },
    side: {
      type: 'string',
      valueName: 'output|input',
      description: 'Outputs of the stand-in, or valid inputs (what contract tests send)',
      defaultText: 'output',
    },
    for: {
      type: 'string',
      valueName: 'input.json',
      description: "Print the stand-in's answer to this one input (a JSON file)",
    },
  },
  footer: [
    'Each line is one JSON value. Outputs answer freshly drawn inputs unless --for is given.',
    'Example: standin sample contracts/fraud.contract.yaml --count 5 --seed 7',
  ],
  run: async ({ positionals, values, io }) => {
    const [path, ...rest] = positionals
    if (path === undefined || rest.length > 0) {
      throw new StandinError(
        'cli.usage',
        "standin sample: give exactly one contract. Run 'standin sample --help' for usage.",
      )
    }
    const side = values.side ?? 'output'
    if (side !== 'output' && side !== 'input') {
      throw new StandinError(
        'cli.usage',
        `standin sample: --side must be output or input, not '${String(side)}'.`,
      )
    }
    const count = integerFlag(values.count, '--count', 1)
    const seed = integerFlag(values.seed, '--seed', Number.MIN_SAFE_INTEGER)
    let input: unknown
    if (typeof values.for === 'string') {
      if (side === 'input') {
        throw new StandinError(
          'cli.usage',
          'standin sample: --for answers an input, so it needs --side output.',
        )
      }
      input = await readInput(resolve(io.cwd, values.for), values.for)
    }
    const contract = await loadContract(path, { cwd: io.cwd })
    const samples = sampleContract(contract, {
      side,
      ...(count !== undefined ? { count } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(input !== undefined ? { input } : {}),
    })
    io.stdout(samples.map((s) => `${JSON.stringify(s)}\n`).join(''))
    return 0
  },
}

async function readInput(file: string, shown: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new StandinError(
      'cli.usage',
      `${shown}: cannot read the input file. Check the path given to --for.`,
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StandinError(
      'input.invalid',
      `${shown}: is not valid JSON (${reason}). Give one JSON input record.`,
    )
  }
}
