import fc from 'fast-check'
import { expect, it } from 'vitest'
import { cloneJson } from '../../src/json/index.js'
import { ContractError, createAjv, loadContract } from '../../src/contract/index.js'
import { diffContracts } from '../../src/diff/index.js'

// Printed so any failure can be replayed: fc.assert(..., { seed }).
const seed = Number(process.env.STANDIN_SEED ?? Date.now() % 1_000_000)
console.log(`fast-check seed for test/contract/properties.test.ts: ${seed}`)

const leafSchema = fc.oneof(
  fc.record({ type: fc.constant('string'), maxLength: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ type: fc.constant('number'), minimum: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ enum: fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 4 }) }),
  fc.constant({ type: 'boolean' }),
)

const objectSchema = fc
  .dictionary(fc.stringMatching(/^[a-z]{1,6}$/), leafSchema, { minKeys: 1, maxKeys: 5 })
  .map((properties) => ({ type: 'object', properties }))

it('never fails with anything but a ContractError, whatever the contract holds', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.jsonValue({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 3 }),
      async (input, junk) => {
        const candidates = [
          input,
          { contract: 1, name: 'x', version: '1.0.0', input, output: junk },
          {
            contract: 1,
            name: 'x',
            version: '1.0.0',
            input: { type: 'object', properties: { a: input } },
            output: true,
          },
          {
            contract: 1,
            name: 'x',
            version: '1.0.0',
            input: true,
            output: true,
            examples: junk,
            checks: input,
          },
        ]
        for (const candidate of candidates) {
          try {
            await loadContract(candidate as object)
          } catch (error) {
            expect(error).toBeInstanceOf(ContractError)
          }
        }
      },
    ),
    { seed, numRuns: 150 },
  )
})

it('validates the same with a $ref to a shared definition as with the schema inline', async () => {
  await fc.assert(
    fc.asyncProperty(objectSchema, fc.jsonValue({ maxDepth: 2 }), async (schema, value) => {
      const inline = await loadContract({
        contract: 1,
        name: 'x',
        version: '1.0.0',
        input: schema,
        output: true,
      })
      const shared = await loadContract({
        contract: 1,
        name: 'x',
        version: '1.0.0',
        $defs: { Shared: schema },
        input: { $ref: '#/$defs/Shared' },
        output: true,
      })
      expect(shared.validateInput(value).length === 0).toBe(
        inline.validateInput(value).length === 0,
      )
      const ajv = createAjv('2020-12')
      expect(inline.validateInput(value).length === 0).toBe(ajv.validate(schema, value))
    }),
    { seed, numRuns: 100 },
  )
})

it('finds no change between a contract and itself', async () => {
  await fc.assert(
    fc.asyncProperty(objectSchema, objectSchema, async (input, output) => {
      const contract = await loadContract({
        contract: 1,
        name: 'x',
        version: '1.0.0',
        input,
        output,
      })
      expect(diffContracts(contract, contract).changes).toEqual([])
    }),
    { seed, numRuns: 100 },
  )
})

it('copies JSON data exactly', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(cloneJson(value)).toEqual(value)
    }),
    { seed, numRuns: 300 },
  )
})
