/** Flags several commands share, declared once so they read and check the same everywhere. */
import { DEFAULT_SEED } from '../generate/index.js'
import { flag } from './flags.js'

/** `--seed S` / `-s S`: any safe integer; absent, the contract's `mock.seed`, else DEFAULT_SEED. */
export function seedFlag(description: string) {
  return flag.integer({
    short: 's',
    valueName: 'S',
    min: Number.MIN_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
    defaultText: `the contract's mock.seed, else ${DEFAULT_SEED}`,
    description,
  })
}
