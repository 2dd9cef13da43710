import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/**
 * The transaction-classifier contract's enums, read from the contract itself
 * (contracts/transaction-classifier.contract.yaml), so the test models that answer it and the
 * synthetic recordings of its traffic follow the contract instead of a copy of it: its output
 * categories, in the contract's order, and its input currencies.
 */
const contract = parse(
  readFileSync(
    fileURLToPath(new URL('../../contracts/transaction-classifier.contract.yaml', import.meta.url)),
    'utf8',
  ),
) as {
  input: { properties: { currency: { enum: string[] } } }
  output: { $defs: { Category: { enum: string[] } } }
}

export const categories: readonly string[] = contract.output.$defs.Category.enum
export const currencies: readonly string[] = contract.input.properties.currency.enum
