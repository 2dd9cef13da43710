/**
 * The perturbation ops of invariance and directional checks (CheckList's INV and DIR tests):
 * `lowercase`, `uppercase`, `whitespace`, `punctuation`, `typo` (seeded), `scale:k`, `add:k`,
 * `set:value`, `noise:sigma`. A perturbed input that leaves the input schema is clamped into it
 * (numbers to their bounds, integers rounded, `multipleOf` honoured) or, when that is not
 * possible, skipped: it is never sent.
 */
import { assignOwn, hasOwn, parsePointer, resolvePointer, typeName } from '../json/index.js'
import { schemaAtPath } from '../contract/index.js'
import type { Contract, Perturbation } from '../contract/index.js'
import type { Rng } from '../generate/index.js'

/** A perturbed input, or why there is none for this input. */
export type Perturbed =
  | { readonly ok: true; readonly input: unknown; readonly clamped: boolean }
  | { readonly ok: false; readonly reason: string }

/** A parsed op: its name and argument. */
export interface ParsedOp {
  readonly name: string
  readonly arg?: string
}

const ops = new Set([
  'lowercase',
  'uppercase',
  'whitespace',
  'punctuation',
  'typo',
  'scale',
  'add',
  'set',
  'noise',
])
const numericArg = new Set(['scale', 'add', 'noise'])

/** Parses `scale:1.2` into `{ name: 'scale', arg: '1.2' }`; `undefined` when it is not an op. */
export function parseOp(op: string): ParsedOp | undefined {
  const colon = op.indexOf(':')
  const name = colon === -1 ? op : op.slice(0, colon)
  const arg = colon === -1 ? undefined : op.slice(colon + 1)
  if (!ops.has(name)) return undefined
  if (numericArg.has(name) && (arg === undefined || !Number.isFinite(Number(arg)))) return undefined
  if (name === 'set' && arg === undefined) return undefined
  return arg === undefined ? { name } : { name, arg }
}

/** One standard normal draw (Box-Muller) from the seeded rng. */
function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), Number.EPSILON)
  const v = rng.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

const letters = /[A-Za-z]/

/** A one-character typo: swaps two neighbouring letters, or replaces one when none neighbour. */
function typo(text: string, rng: Rng): string {
  const chars = [...text]
  const pairs: number[] = []
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] ?? ''
    const b = chars[i + 1] ?? ''
    if (letters.test(a) && letters.test(b) && a !== b) pairs.push(i)
  }
  if (pairs.length > 0) {
    const i = rng.pick(pairs)
    const a = chars[i] ?? ''
    chars[i] = chars[i + 1] ?? ''
    chars[i + 1] = a
    return chars.join('')
  }
  const positions = chars.flatMap((c, i) => (letters.test(c) ? [i] : []))
  if (positions.length === 0) return text
  const i = rng.pick(positions)
  const c = chars[i] ?? 'a'
  chars[i] = c === 'x' || c === 'X' ? (c === 'x' ? 'z' : 'Z') : c === c.toLowerCase() ? 'x' : 'X'
  return chars.join('')
}

function applyOp(value: unknown, op: ParsedOp, rng: Rng): { value: unknown } | { reason: string } {
  const needString = (): { reason: string } => ({
    reason: `op "${op.name}" needs a string, the input has ${typeName(value)}`,
  })
  const needNumber = (): { reason: string } => ({
    reason: `op "${op.name}" needs a number, the input has ${typeName(value)}`,
  })
  const k = Number(op.arg)
  switch (op.name) {
    case 'lowercase':
      return typeof value === 'string' ? { value: value.toLowerCase() } : needString()
    case 'uppercase':
      return typeof value === 'string' ? { value: value.toUpperCase() } : needString()
    case 'whitespace':
      return typeof value === 'string' ? { value: ` ${value.replace(/ /g, '  ')} ` } : needString()
    case 'punctuation':
      return typeof value === 'string' ? { value: `${value}!` } : needString()
    case 'typo':
      return typeof value === 'string' ? { value: typo(value, rng) } : needString()
    case 'scale':
      return typeof value === 'number' ? { value: value * k } : needNumber()
    case 'add':
      return typeof value === 'number' ? { value: value + k } : needNumber()
    case 'noise':
      return typeof value === 'number' ? { value: value + k * gaussian(rng) } : needNumber()
    default: {
      const arg = op.arg ?? ''
      try {
        return { value: JSON.parse(arg) as unknown }
      } catch {
        return { value: arg }
      }
    }
  }
}

/** Clamps a number into its subschema: bounds, exclusive bounds, integer, multipleOf. */
function clampNumber(value: number, schema: Record<string, unknown>): number {
  let v = value
  const num = (key: string): number | undefined =>
    typeof schema[key] === 'number' ? schema[key] : undefined
  const step = num('multipleOf') ?? (schema.type === 'integer' ? 1 : undefined)
  const min = num('minimum')
  const max = num('maximum')
  const xmin = num('exclusiveMinimum')
  const xmax = num('exclusiveMaximum')
  if (step !== undefined) v = Math.round(v / step) * step
  if (step !== undefined) v = Number(v.toFixed(12))
  const lower = min ?? (xmin !== undefined ? xmin + (step ?? 1e-9) : undefined)
  const upper = max ?? (xmax !== undefined ? xmax - (step ?? 1e-9) : undefined)
  if (lower !== undefined && v < lower) v = lower
  if (upper !== undefined && v > upper) v = upper
  return v
}

function setAt(root: unknown, tokens: readonly string[], value: unknown): unknown {
  if (tokens.length === 0) return value
  const [head = '', ...rest] = tokens
  if (Array.isArray(root)) {
    const copy: unknown[] = [...(root as unknown[])]
    copy[Number(head)] = setAt(copy[Number(head)], rest, value)
    return copy
  }
  // Own fields only, and `__proto__` set as data: a perturbed path never touches a prototype.
  const copy = { ...(root as Record<string, unknown>) }
  assignOwn(copy, head, setAt(hasOwn(copy, head) ? copy[head] : undefined, rest, value))
  return copy
}

/**
 * Applies one perturbation to a valid input: a new input that is valid by the contract (clamped
 * when the raw perturbation left the schema), or why this input cannot be perturbed (the field is
 * absent, the op needs another type, the change is a no-op, or it cannot be brought back inside
 * the schema).
 *
 * @example
 * perturb(contract, { narration: 'POS TESCO', amount: 2 }, { path: '/narration', op: 'lowercase' }, rng)
 * // { ok: true, input: { narration: 'pos tesco', amount: 2 }, clamped: false }
 */
export function perturb(
  contract: Contract,
  input: unknown,
  perturbation: Perturbation,
  rng: Rng,
): Perturbed {
  const op = parseOp(perturbation.op)
  if (!op) return { ok: false, reason: `"${perturbation.op}" is not a perturbation op` }
  const tokens = parsePointer(perturbation.path)
  const at = resolvePointer(input, perturbation.path)
  if (!tokens || !at.found)
    return { ok: false, reason: `the input has no value at ${perturbation.path}` }
  const applied = applyOp(at.value, op, rng)
  if ('reason' in applied) return { ok: false, reason: applied.reason }
  let value = applied.value
  let perturbed = setAt(input, tokens, value)
  let clamped = false
  if (contract.validateInput(perturbed).length > 0) {
    const sub = schemaAtPath(contract.input, perturbation.path)
    const schema =
      sub.found && typeof sub.schema === 'object' && sub.schema !== null ? sub.schema : {}
    if (typeof value === 'number') {
      value = clampNumber(value, schema as Record<string, unknown>)
      perturbed = setAt(input, tokens, value)
      clamped = true
    }
    if (contract.validateInput(perturbed).length > 0)
      return {
        ok: false,
        reason: `the perturbed input leaves the input schema at ${perturbation.path}`,
      }
  }
  if (JSON.stringify(value) === JSON.stringify(at.value))
    return {
      ok: false,
      reason: clamped
        ? `clamped into the schema, the value at ${perturbation.path} is unchanged`
        : `the op leaves the value at ${perturbation.path} unchanged`,
    }
  return { ok: true, input: perturbed, clamped }
}
