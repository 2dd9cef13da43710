/**
 * Compiles one node (a list of subschemas that must all hold) into a generator: decides the
 * choices left (anyOf, oneOf, not, if/then/else, dependentSchemas) by compiling each option,
 * plans every type the node allows, and checks risky values with ajv before returning them.
 */
import type { Rng } from './rng.js'
import type { Check, Compiler } from './compiler.js'
import type { DrawState, GenNode, LteHint } from './draw-state.js'
import { HARD_DEPTH, Redraw, pointerReader, setSkip } from './draw-state.js'
import { cloneJson } from '../json/index.js'
import { flattenSchema } from './flatten-schema.js'
import { ALL_TYPES } from './shape.js'
import type { Group, JsonType, Shape } from './shape.js'
import type { SchemaRef } from './schema-index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import { planNumber, skipOf } from './generate-number.js'
import { planString } from './generate-string.js'
import { planObject } from './plan-object.js'
import { planArray } from './plan-array.js'
import { argmaxFixup, maxFixup, pointerTokens, type Fixup } from './apply-hints.js'
import { lteFixup, recordLte } from './lte-fixup.js'
import { isProvenPlan, provenPlan } from './exact-proof.js'
import { decidedAgainst } from './decided-options.js'

type Plan = (rng: Rng, state: DrawState) => unknown

const SUGGESTS: readonly [JsonType, readonly string[]][] = [
  ['number', ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']],
  ['string', ['minLength', 'maxLength', 'pattern', 'format']],
  ['array', ['items', 'prefixItems', 'minItems', 'maxItems', 'contains', 'uniqueItems']],
  [
    'object',
    [
      'properties',
      'required',
      'additionalProperties',
      'patternProperties',
      'minProperties',
      'maxProperties',
      'propertyNames',
    ],
  ],
]

function suggestedTypes(refs: readonly SchemaRef[]): Set<JsonType> {
  const found = new Set<JsonType>()
  for (const ref of refs) {
    const s = ref.schema
    if (typeof s !== 'object' || s === null) continue
    for (const [type, keys] of SUGGESTS) if (keys.some((k) => k in s)) found.add(type)
  }
  return found
}

/** Compiles a node; `self` is the memo slot already registered (recursion goes through it). */
export function compileNode(
  compiler: Compiler,
  self: GenNode,
  refs: readonly SchemaRef[],
  name: string | undefined,
  resolved: ReadonlySet<string>,
): void {
  const shape = flattenSchema(refs, compiler.index, compiler.draft, resolved)
  const group = shape.groups[0]
  if (group) {
    self.gen = compileGroup(compiler, self, group, refs, name, resolved)
    return
  }
  const kit = nodeKit(compiler, self, shape, refs, name)
  if (shape.consts.length > 0 || shape.enums.length > 0) {
    self.gen = compileListed(shape, kit)
    // Each entry it returns was checked with ajv against the node's subschemas.
    self.exact = kit.fixupsProven
    const listed = shape.consts.length > 0 ? [shape.consts[0]?.value] : shape.enums[0]?.values
    self.numberFree = !(listed ?? []).some((v) => typeof v === 'number')
  } else self.gen = compileTyped(compiler, self, shape, refs, name, kit)
}

/** What every kind of node shares: its check, its fix-ups, and the `copy` hint's reading. */
interface NodeKit {
  /** The ajv check of the node's subschemas, looked up on first use. */
  readonly check: () => Check
  /** Records the node's fix-ups for the value just made, then returns it. */
  readonly finish: (value: unknown, state: DrawState) => unknown
  /** The input's value the `copy` hint points to, when it holds here. */
  readonly fromInput: (state: DrawState) => unknown
  /** The schema's own examples that hold here. */
  readonly examples: readonly unknown[]
  /** True when the node reads the input (a `copy` hint): `fromInput` may give a value. */
  readonly copies: boolean
  /** True when the node has fix-ups: `finish` records them. */
  readonly finishes: boolean
  /** Its fix-ups keep its values valid (exact-proof.ts; an `lte` swap is judged as it happens). */
  readonly fixupsProven: boolean
}

function nodeKit(
  compiler: Compiler,
  self: GenNode,
  shape: Shape,
  refs: readonly SchemaRef[],
  name: string | undefined,
): NodeKit {
  // Looked up once, on first use: the lookup builds a memo key from the refs (JSON and pointer
  // encoding), which cost more than the check itself when it ran on every draw.
  let checkOnce: Check | undefined
  const check = (): Check => (checkOnce ??= compiler.check(refs))
  const hints = compiler.hints ? shape.hints : {}
  const fixups = makeFixups(shape, hints, check)
  if (hints.argmaxOf !== undefined || hints.maxOf !== undefined) compiler.holdersMove()
  const lte = lteHint(self, fixups, hints, name)
  const copy = typeof hints.copy === 'string' ? hints.copy : undefined
  const examples = shape.examples.filter((e) => check()(e))
  const copyCheck = copy ? check() : undefined
  const readCopy = copy ? pointerReader(copy) : undefined
  if (typeof hints.lte === 'string') self.lte = hints.lte
  return {
    check,
    examples,
    copies: readCopy !== undefined,
    finishes: fixups !== undefined,
    fixupsProven: fixupsProven(shape, hints, check),
    finish: (value, state) => {
      if (lte && recordLte(lte, value, state)) return value
      if (fixups)
        for (let i = 0; i < fixups.length; i++)
          state.fixups.push((fixups[i] as Fixup)(state.path.slice(), self))
      return value
    },
    fromInput: (state) => {
      if (!readCopy || !state.hints || state.input === undefined) return undefined
      const v = readCopy(state.input)
      return v !== undefined && copyCheck?.(v) ? cloneJson(v) : undefined
    },
  }
}

/** The node's `lte` hint, when it is its only fix-up and names a sibling (`recordLte`). */
function lteHint(
  self: GenNode,
  fixups: readonly Fixup[] | undefined,
  hints: Record<string, unknown>,
  name: string | undefined,
): LteHint | undefined {
  if (fixups?.length !== 1 || typeof hints.lte !== 'string' || name === undefined) return undefined
  const tokens = pointerTokens(hints.lte)
  const upperKey = tokens.length === 1 ? tokens[0] : undefined
  return upperKey === undefined ? undefined : { hereKey: name, upperKey, node: self }
}

/** A node with `const` or `enum`: one of the listed values that holds. */
function compileListed(shape: Shape, kit: NodeKit): GenNode['gen'] {
  const { check, finish, fromInput } = kit
  const listed = shape.consts.length > 0 ? [shape.consts[0]?.value] : (shape.enums[0]?.values ?? [])
  // Each check runs the whole enum (ajv compares the value with every entry), so checking every
  // entry up front is quadratic: 30,000 entries took 11 s. Usually every entry holds: check
  // until the first that does (proof that one exists), then each drawn entry as it is drawn;
  // only when a drawn entry fails are all of them filtered, once.
  if (!listed.some((v) => check()(v))) {
    const where = shape.consts[0]?.pointer ?? shape.enums[0]?.pointer ?? ''
    throw new SchemaProblem(
      'schema.unsatisfiable',
      where,
      `none of the values ${where.endsWith('const') ? 'const' : 'enum'} allows satisfies the other constraints here (contradictory allOf)`,
      'Make the listed values agree with the rest of the schema.',
    )
  }
  // One draw either way, and the answer depends on that draw only (never on earlier draws).
  // Whether an entry holds never changes: each is checked on its first draw only.
  let valid: unknown[] | undefined
  const holds: (boolean | undefined)[] = new Array<boolean | undefined>(listed.length)
  const pick = (rng: Rng): unknown => {
    const at = Math.floor(rng.next() * listed.length) // rng.pick(listed), keeping the index
    const drawn = listed[at]
    if ((holds[at] ??= check()(drawn))) return drawn
    valid ??= listed.filter((v) => check()(v))
    return valid[listed.indexOf(drawn) % valid.length]
  }
  // Primitives need no copy: cloneJson returns them as they are.
  const primitive = listed.every((v) => v === null || typeof v !== 'object')
  if (!kit.copies && !kit.finishes) return primitive ? pick : (rng) => cloneJson(pick(rng))
  return (rng, state) => fromInput(state) ?? finish(cloneJson(pick(rng)), state)
}

/** The plan of each type the node allows (at least one, or the node is unsatisfiable). */
function typePlans(
  compiler: Compiler,
  shape: Shape,
  refs: readonly SchemaRef[],
  name: string | undefined,
): Map<JsonType, Plan> {
  const plans = new Map<JsonType, Plan>()
  const failures: SchemaProblem[] = []
  const candidates: JsonType[] = shape.types ? [...shape.types] : [...ALL_TYPES]
  for (const type of candidates) {
    try {
      plans.set(type, planType(compiler, shape, type, name, refs))
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error
      failures.push(error)
    }
  }
  if (plans.size === 0)
    throw (
      failures[0] ??
      new SchemaProblem(
        'schema.unsatisfiable',
        refs[0]?.pointer ?? '',
        'no type is possible here',
        'Loosen the schema.',
      )
    )
  if (plans.has('number') && plans.has('integer') && shape.types)
    plans.delete(shape.types.has('integer') && !shape.types.has('number') ? 'number' : 'integer')
  if (!shape.types) {
    const suggested = [...suggestedTypes(refs)].filter((t) => plans.has(t))
    if (suggested.length > 0)
      for (const t of [...plans.keys()]) if (!suggested.includes(t)) plans.delete(t)
    if (plans.has('number') && plans.has('integer')) plans.delete('integer')
  }
  return plans
}

/** A node of one or more types: an example now and then, else a value of a type it allows. */
function compileTyped(
  compiler: Compiler,
  self: GenNode,
  shape: Shape,
  refs: readonly SchemaRef[],
  name: string | undefined,
  kit: NodeKit,
): GenNode['gen'] {
  const { finish, fromInput, examples } = kit
  const plans = typePlans(compiler, shape, refs, name)
  const all = [...plans.values()]
  const single = all.length === 1 ? all[0] : undefined
  // An untyped node nested below the top levels draws scalars only, so `{}` does not grow into
  // deep trees of empty arrays and objects.
  const scalars = shape.types
    ? all
    : [...plans.entries()].filter(([t]) => t !== 'array' && t !== 'object').map(([, p]) => p)
  const deepPlans = scalars.length > 0 ? scalars : all
  const risky = shape.risky.length > 0 || !shape.types
  const validate = risky ? kit.check() : undefined
  if (validate) compiler.holdersMove()
  const pointer = refs[0]?.pointer ?? ''
  proveTyped(self, shape, all, validate !== undefined, kit.fixupsProven)
  if (single && !validate && examples.length === 0 && !kit.copies) {
    // The common node (one type, nothing to check, no example, no copy hint): the same steps
    // below take, with none of the branches that cannot apply.
    const skip = skipOf(single)
    if (skip && !kit.finishes)
      setSkip(self, (rng, state) => {
        if (state.depth > HARD_DEPTH)
          throw new Redraw('the schema nests without end', pointer, true)
        skip(rng)
      })
    if (!kit.finishes)
      return (rng, state) => {
        if (state.depth > HARD_DEPTH)
          throw new Redraw('the schema nests without end', pointer, true)
        return single(rng, state)
      }
    return (rng, state) => {
      if (state.depth > HARD_DEPTH) throw new Redraw('the schema nests without end', pointer, true)
      return finish(single(rng, state), state)
    }
  }
  return (rng, state) => {
    const copied = fromInput(state)
    if (copied !== undefined) return copied
    if (examples.length > 0 && rng.chance(0.25)) return finish(cloneJson(rng.pick(examples)), state)
    if (state.depth > HARD_DEPTH) throw new Redraw('the schema nests without end', pointer, true)
    for (let attempt = 0; attempt < 6; attempt++) {
      const mark = state.fixups.length
      const value = (single ?? rng.pick(state.depth >= 2 ? deepPlans : all))(rng, state)
      if (!validate || validate(value)) return finish(value, state)
      state.fixups.length = mark
    }
    throw new Redraw(`no value satisfied ${shape.risky.join(', ') || 'the schema'}`, pointer)
  }
}

/**
 * The node's fix-ups keep its values valid: none, or `argmaxOf` choosing among enum labels that
 * all hold here, or `lte` and `maxOf` (each swap or top score is judged as it is written).
 */
function fixupsProven(shape: Shape, hints: Record<string, unknown>, check: () => Check): boolean {
  if (typeof hints.argmaxOf !== 'string') return true
  const labels = shape.enums[0]?.values
  return (
    shape.consts.length === 0 &&
    shape.enums.length === 1 &&
    labels !== undefined &&
    labels.length <= 256 &&
    labels.every((label) => check()(label))
  )
}

/**
 * A typed node is exact when it checks its values with ajv, or when every keyword it merged is
 * provable and every plan proven (exact-proof.ts); a plain number node also gives its bounds.
 */
function proveTyped(
  self: GenNode,
  shape: Shape,
  plans: readonly Plan[],
  checked: boolean,
  fixupsProven: boolean,
): void {
  const constructive = shape.unproven.length === 0 && plans.every((p) => isProvenPlan(p))
  self.exact = fixupsProven && (checked || constructive)
  const types = shape.types
  if (!types) return
  self.numberFree = !types.has('number') && !types.has('integer')
  const numeric = [...types].every((t) => t === 'number' || t === 'integer')
  if (self.exact && constructive && numeric && shape.multipleOf.length === 0)
    self.numeric = { integer: !types.has('number'), low: shape.low, high: shape.high }
}

function makeFixups(
  shape: Shape,
  hints: Record<string, unknown>,
  check: () => Check,
): Fixup[] | undefined {
  const out: Fixup[] = []
  if (typeof hints.argmaxOf === 'string') {
    const labels = shape.enums[0]?.values
    const integer = shape.types !== null && shape.types.has('integer') && !shape.types.has('string')
    out.push(argmaxFixup(hints.argmaxOf, labels, integer))
  }
  if (typeof hints.maxOf === 'string') out.push(maxFixup(hints.maxOf, check))
  if (typeof hints.lte === 'string') out.push(lteFixup(hints.lte))
  return out.length > 0 ? out : undefined
}

function planType(
  compiler: Compiler,
  shape: Shape,
  type: JsonType,
  name: string | undefined,
  refs: readonly SchemaRef[],
): Plan {
  switch (type) {
    case 'null':
      return provenPlan(() => null)
    case 'boolean':
      return provenPlan((rng: Rng) => rng.chance())
    case 'integer':
    case 'number': {
      // The plans take the rng only: a plan is called with (rng, state), and ignores the state.
      return planNumber(shape, type === 'integer').draw
    }
    case 'string':
      return planString(shape, name, compiler.fake)
    case 'array':
      return planArray(compiler, shape, refs)
    case 'object':
      return planObject(compiler, shape, refs)
  }
}

function compileGroup(
  compiler: Compiler,
  self: GenNode,
  group: Group,
  refs: readonly SchemaRef[],
  name: string | undefined,
  resolved: ReadonlySet<string>,
): GenNode['gen'] {
  const next = new Set(resolved).add(group.id)
  compiler.holdersMove()
  const options: { node: GenNode; fails: ((v: unknown) => boolean)[]; absent?: string }[] = []
  const problems: SchemaProblem[] = []
  for (const [i, option] of group.options.entries()) {
    // An if/then choice an earlier one decides is left out uncompiled (decided-options.ts).
    if (group.kind === 'if' && decidedAgainst(refs, option, i === 1)) continue
    try {
      const node = compiler.node([...refs, ...option.refs], name, next)
      options.push({
        node,
        fails: option.mustFail.map((r) => holdsFor(compiler, r)),
        absent: option.absent,
      })
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error
      problems.push(error)
    }
  }
  if (options.length === 0) {
    const first = problems[0]
    if (group.kind === 'anyOf' || group.kind === 'oneOf') {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        group.pointer,
        `no branch of ${group.kind} can be satisfied here (${first?.pointer ?? ''}: ${first?.reason ?? 'unsatisfiable'})`,
        'Fix the branches or the schema around them.',
      )
    }
    throw (
      first ??
      new SchemaProblem(
        'schema.unsatisfiable',
        group.pointer,
        `${group.kind} cannot be satisfied`,
        'Loosen the schema.',
      )
    )
  }
  const count = options.length
  // anyOf's value holds its branch; oneOf's also fails the others (checked with ajv as drawn).
  self.exact =
    (group.kind === 'anyOf' || group.kind === 'oneOf') &&
    options.every((o) => o.node.exact === true && o.absent === undefined)
  return (rng, state) => {
    const start = state.depth > 5 ? 0 : rng.int(0, count - 1)
    // A `not` holds for a small share of free draws (an object with some other property): try longer.
    const rounds = group.kind === 'not' ? 8 : 2
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < count; k++) {
        const option = options[(start + k) % count] as (typeof options)[number]
        const mark = state.fixups.length
        let value: unknown
        try {
          value = option.node.gen(rng, state)
        } catch (error) {
          if (error instanceof Redraw && !error.depth) continue
          throw error
        }
        const absentOk =
          option.absent === undefined ||
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value) ||
          !(option.absent in value)
        if (absentOk && option.fails.every((f) => !f(value))) return value
        state.fixups.length = mark
      }
    }
    throw new Redraw(`no option of ${group.kind} held`, group.pointer)
  }
}

/** The JSON type of a value, as `type` names it (`number` for every number; undefined: not JSON). */
function jsonType(value: unknown): JsonType | undefined {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'object' || type === 'string' || type === 'boolean' || type === 'number'
    ? type
    : undefined
}

/**
 * The types a subschema allows by its `type` keyword, following `$ref`s that stand alone
 * (undefined when it does not say, or the chain is long).
 */
function declaredTypes(compiler: Compiler, start: SchemaRef): ReadonlySet<JsonType> | undefined {
  let ref = start
  for (let hop = 0; hop < 16; hop++) {
    const s = ref.schema
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined
    const record = s as Record<string, unknown>
    // draft-07 ignores every keyword beside a $ref: only the target says then.
    const typeCounts = compiler.draft === '2020-12' || typeof record.$ref !== 'string'
    if (typeCounts && record.type !== undefined) {
      const list = Array.isArray(record.type) ? (record.type as unknown[]) : [record.type]
      if (!list.every((t) => typeof t === 'string' && (ALL_TYPES as readonly string[]).includes(t)))
        return undefined
      return new Set(list as JsonType[])
    }
    if (typeof record.$ref !== 'string') return undefined
    try {
      ref = compiler.index.resolve(record.$ref, ref)
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * The check that a value satisfies `ref` (a branch a oneOf's value must fail), answered without
 * ajv when the branch's `type` rules the value's type out: the same answer, without the cost of
 * running the branch's whole check on every draw.
 */
function holdsFor(compiler: Compiler, ref: SchemaRef): Check {
  const check = compiler.check([ref])
  const types = declaredTypes(compiler, ref)
  if (!types) return check
  return (value) => {
    const type = jsonType(value)
    if (type === undefined || types.has(type)) return check(value)
    if (type === 'number' && types.has('integer')) return check(value)
    return false
  }
}
