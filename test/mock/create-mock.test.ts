import { beforeAll, expect, it } from 'vitest'
import type { Contract } from '../../src/contract/contract-types.js'
import { createMock, InjectedFaultError, InputValidationError } from '../../src/mock/index.js'
import { bundledContract, bundledContracts } from '../serve/bundled.js'

let contracts: Contract[]
let classifier: Contract

beforeAll(async () => {
  contracts = await bundledContracts()
  classifier = await bundledContract('transaction-classifier')
})

const tesco = {
  request_id: '2b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO STORES 9',
  amount: 12.5,
  currency: 'GBP',
  direction: 'debit',
}

/** Inputs that are not examples: each example input with one string field varied. */
function variedInputs(contract: Contract, count: number): unknown[] {
  const out: unknown[] = []
  for (let i = 0; i < count; i++) {
    const base = contract.examples[i % contract.examples.length]?.input as Record<string, unknown>
    const copy = { ...base }
    if (typeof copy.narration === 'string') copy.narration = `${copy.narration} ${i}`
    if (typeof copy.headline === 'string') copy.headline = `${copy.headline} ${i}`
    if (typeof copy.body === 'string') copy.body = `${copy.body} ${i}`
    if (typeof copy.deadweight_t === 'number') copy.deadweight_t = 1000 + i
    out.push(copy)
  }
  return out
}

it('returns the same output for the same seed and input, in any mock', async () => {
  const a = createMock(classifier, { seed: 7, latency: 0 })
  const b = createMock(classifier, { seed: 7, latency: 0 })
  expect(await a.predict(tesco)).toEqual(await b.predict({ ...tesco }))
  expect(a.predictSync(tesco)).toEqual(await a.predict(tesco))
})

it('returns a different output for another seed', () => {
  const outputs = new Set(
    [1, 2, 3, 4, 5].map((seed) =>
      JSON.stringify(createMock(classifier, { seed }).predictSync(tesco)),
    ),
  )
  expect(outputs.size).toBeGreaterThan(1)
})

it('returns outputs valid against the output schema for every bundled contract', () => {
  for (const contract of contracts) {
    const model = createMock(contract, { seed: 11, latency: 0 })
    for (const input of variedInputs(contract, 40)) {
      expect(contract.validateInput(input)).toEqual([])
      expect({
        contract: contract.name,
        problems: contract.validateOutput(model.predictSync(input)),
      }).toEqual({
        contract: contract.name,
        problems: [],
      })
    }
  }
})

it('echoes an input field the output schema copies', () => {
  const output = createMock(classifier, { seed: 1 }).predictSync(tesco) as Record<string, unknown>
  expect(output.request_id).toBe(tesco.request_id)
})

it("replays an example's output, completed to a valid full output that agrees with its hints", () => {
  for (const seed of [1, 2, 3]) {
    const model = createMock(classifier, { seed, latency: 0 })
    for (const example of classifier.examples) {
      const output = model.predictSync(example.input) as Record<string, unknown>
      expect(classifier.validateOutput(output)).toEqual([])
      expect(output).toMatchObject(example.output as object)
      const scores = output.scores as Record<string, number>
      const top = Object.keys(scores).reduce((a, b) =>
        (scores[a] ?? 0) >= (scores[b] ?? 0) ? a : b,
      )
      expect(top).toBe(output.category)
    }
  }
})

it('refuses an invalid input with every violation by pointer', async () => {
  const model = createMock(classifier, { latency: 0 })
  const error = await model
    .predict({ ...tesco, amount: -1, currency: 'XXX' })
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(InputValidationError)
  const problems = (error as InputValidationError).problems
  expect(problems.map((p) => p.pointer).sort()).toEqual(['/amount', '/currency'])
  expect((error as InputValidationError).code).toBe('mock.invalid-input')
})

it('answers a batch with one output per input, each as if sent alone', async () => {
  const model = createMock(classifier, { seed: 4, latency: 0 })
  const inputs = variedInputs(classifier, 5)
  const outputs = await model.predictBatch(inputs)
  expect(outputs).toEqual(inputs.map((input) => model.predictSync(input)))
  const error = await model
    .predictBatch([tesco, { ...tesco, direction: 'sideways' }])
    .catch((e: unknown) => e)
  expect((error as InputValidationError).problems.map((p) => p.pointer)).toEqual(['/1/direction'])
})

it('waits the injected latency and fails at the injected error rate', async () => {
  const slow = createMock(classifier, { latency: 30 })
  const started = performance.now()
  await slow.predict(tesco)
  expect(performance.now() - started).toBeGreaterThanOrEqual(29)
  const failing = createMock(classifier, { latency: 0, errorRate: 1 })
  await expect(failing.predict(tesco)).rejects.toBeInstanceOf(InjectedFaultError)
  await expect(failing.predict(tesco)).rejects.toThrow(
    'transaction-classifier: injected fault (the stand-in fails this share of requests on purpose). Set errorRate to 0 to turn it off.',
  )
})

it("uses the contract's mock defaults unless options override them", () => {
  expect(createMock(classifier).faults.latency.kind).toBe('lognormal')
  expect(createMock(classifier, { latency: '20..80ms' }).faults.latency).toEqual({
    kind: 'uniform',
    min: 20,
    max: 80,
  })
})

it('draws the same failures for the same seed', () => {
  const draws = (seed: number) => {
    const model = createMock(classifier, { seed, errorRate: 0.3, latency: '10..90ms' })
    return Array.from({ length: 50 }, () => [model.faults.fails(), model.faults.delay()])
  }
  expect(draws(9)).toEqual(draws(9))
  expect(draws(9)).not.toEqual(draws(10))
  const failures = draws(9).filter(([fails]) => fails).length
  expect(failures).toBeGreaterThan(5)
  expect(failures).toBeLessThan(30)
})

it('makes an invalid output on request', () => {
  for (const contract of contracts) {
    const model = createMock(contract, { seed: 2 })
    const input = contract.examples[0]?.input
    expect(contract.validateOutput(model.invalidAnswer(input)).length).toBeGreaterThan(0)
  }
})
