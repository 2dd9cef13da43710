/**
 * Example replay: an input equal to an example's input gets that example's output, completed to
 * a full valid output. The completion is the generated candidate that already agrees most with
 * the example (so hints such as a label agreeing with its scores still hold), with the example's
 * values laid over it.
 */
import type { Contract, ContractExample } from '../contract/index.js'
import type { Generator } from '../generate/index.js'
import { createRng, seedFor } from '../generate/index.js'
import { isObject, setOwn } from '../json/index.js'

/** How many generated candidates an example's completion may look at. */
const candidates = 64

/** Lays `over` on `base`: objects merge key by key, anything else replaces. Prototype-safe. */
export function overlay(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(base)) setOwn(out, key, base[key])
  for (const key of Object.keys(over))
    setOwn(
      out,
      key,
      Object.prototype.hasOwnProperty.call(base, key) ? overlay(base[key], over[key]) : over[key],
    )
  return out
}

/** How many leaves of `expected` the candidate already has (numbers within `tolerance`). */
function agreement(candidate: unknown, expected: unknown, tolerance: number): number {
  if (isObject(expected)) {
    if (!isObject(candidate)) return 0
    let n = 0
    for (const key of Object.keys(expected))
      if (Object.prototype.hasOwnProperty.call(candidate, key))
        n += agreement(candidate[key], expected[key], tolerance)
    return n
  }
  if (typeof expected === 'number' && typeof candidate === 'number')
    return Math.abs(expected - candidate) <= tolerance ? 1 : 0
  return JSON.stringify(candidate) === JSON.stringify(expected) ? 1 : 0
}

function leaves(value: unknown): number {
  if (!isObject(value)) return 1
  return Object.keys(value).reduce((n, key) => n + leaves(value[key]), 0)
}

/** The full output an example's input is answered with, for one seed. */
export function completeExample(
  contract: Contract,
  generate: Generator,
  example: ContractExample,
  seed: number,
): unknown {
  if (example.output === undefined)
    return generate(createRng(seedFor(seed, example.input)), { input: example.input })
  const tolerance = example.tolerance ?? 1e-6
  const full = leaves(example.output)
  const base = seedFor(seed, example.input)
  let best: { output: unknown; score: number } | undefined
  for (let k = 0; k < candidates; k++) {
    const candidate = generate(createRng(base + k), { input: example.input })
    const merged = overlay(candidate, example.output)
    if (contract.validateOutput(merged).length > 0) continue
    const score = agreement(candidate, example.output, tolerance)
    if (!best || score > best.score) best = { output: merged, score }
    if (score === full) break
  }
  return best
    ? best.output
    : overlay(generate(createRng(base), { input: example.input }), example.output)
}
