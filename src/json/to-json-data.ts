/**
 * Copies what a caller passes as a contract (or what a YAML file parsed to) into plain JSON data,
 * refusing by JSON pointer what JSON cannot hold: a cycle, NaN or Infinity (YAML `.nan`, `.inf`),
 * a BigInt, a symbol, a function, `undefined` in an array, a Date, Map or class instance, a
 * getter that throws, a revoked Proxy. Iterative and bounded: at most `MAX_DATA_DEPTH` levels
 * and `MAX_DATA_VALUES` values (a shared object counts each time it is reached, so a DAG that
 * doubles at every level cannot blow up the copy).
 */
import type { ProblemCode } from '../errors.js'
import { assignOwn } from './json-object.js'
import type { Problem } from '../errors.js'
import { joinPointer } from './json-pointer.js'

/** The deepest nesting of lists and mappings a contract may have. */
export const MAX_DATA_DEPTH = 2048

/** The most values (objects, arrays, strings, numbers ...) a contract may hold. */
export const MAX_DATA_VALUES = 2_000_000

/** The most problems reported before the walk stops. */
const MAX_PROBLEMS = 20

const PLAIN_HINT = 'Pass plain JSON data: objects, arrays, strings, finite numbers, booleans, null.'

/** A deadline the copy checks as it goes (contract's `WorkBudget` is one). */
export interface Deadline {
  check(pointer: () => string, file?: string): void
}

type Container = Record<string, unknown> | unknown[]

/** Where a value sits: its parent's place and its key (the pointer is built only when needed). */
interface Place {
  readonly parent: Place | undefined
  readonly key: string
}

const ROOT: Place = { parent: undefined, key: '' }

function pointerOf(place: Place): string {
  const tokens: string[] = []
  for (let at: Place | undefined = place; at?.parent !== undefined; at = at.parent) {
    tokens.push(at.key)
  }
  return joinPointer('', ...tokens.reverse())
}

interface Frame {
  readonly from: object
  readonly to: Container
  readonly place: Place
  readonly depth: number
  readonly exit?: true
}

/**
 * The JSON copy of `value`, or the problems that stop it (each located by pointer in `file`).
 *
 * @example
 * toJsonData({ a: 1n }, 'x.yaml').problems[0]?.message // 'is a BigInt (1n), which JSON cannot hold'
 */
export function toJsonData(
  value: unknown,
  file: string | undefined,
  budget?: Deadline,
): { data: unknown; problems: Problem[] } {
  const run = new JsonCopy(file)
  const root = run.copyOf(value, ROOT, '', 0)
  while (
    run.stack.length > 0 &&
    run.problems.length < MAX_PROBLEMS &&
    run.count <= MAX_DATA_VALUES
  ) {
    const frame = run.stack.pop() as Frame
    if (frame.exit) {
      run.onPath.delete(frame.from)
      continue
    }
    budget?.check(() => pointerOf(frame.place), file)
    // On the path from the root while its children are copied (a shared object is no cycle).
    run.onPath.set(frame.from, frame.place)
    run.copyChildren(frame)
  }
  if (run.count > MAX_DATA_VALUES) {
    run.problems.push({
      code: 'contract.too-large',
      severity: 'error',
      file,
      pointer: '',
      message: `the contract holds more than ${MAX_DATA_VALUES.toLocaleString('en-US')} values`,
      hint: 'Split it, or move large example sets out of the contract.',
    })
  }
  return { data: root.copy, problems: run.problems }
}

/** One copy in progress: the containers still to fill, the path from the root, the problems. */
class JsonCopy {
  readonly problems: Problem[] = []
  readonly onPath = new Map<object, Place>()
  readonly stack: Frame[] = []
  count = 0

  constructor(readonly file: string | undefined) {}

  refuse(
    place: Place,
    message: string,
    hint = PLAIN_HINT,
    code: ProblemCode = 'contract.not-json',
  ): void {
    this.problems.push({
      code,
      severity: 'error',
      file: this.file,
      pointer: pointerOf(place),
      message,
      hint,
    })
  }

  /** The copy of one value (a fresh container is queued for its children); ok false when refused. */
  copyOf(
    item: unknown,
    parent: Place,
    key: string,
    depth: number,
  ): { ok: boolean; copy?: unknown } {
    this.count++
    if (this.count > MAX_DATA_VALUES) return { ok: false }
    if (item === null) return { ok: true, copy: null }
    if (typeof item !== 'object') {
      const refusal = primitiveRefusal(item)
      if (refusal === undefined) return { ok: true, copy: item }
      const [message, hint] = refusal
      this.refuse({ parent, key }, message, hint)
      return { ok: false }
    }
    const place: Place = depth === 0 ? ROOT : { parent, key }
    const ancestor = this.onPath.get(item)
    if (ancestor !== undefined) {
      const at = pointerOf(ancestor)
      this.refuse(
        place,
        `refers back to ${at === '' ? 'the root' : at} (a cycle), which JSON cannot hold`,
        'Pass a tree; a recursive schema refers to itself with $ref.',
      )
      return { ok: false }
    }
    if (depth > MAX_DATA_DEPTH) {
      // The pointer of the first levels only: the whole one would be thousands of tokens long.
      this.problems.push({
        code: 'contract.too-deep',
        severity: 'error',
        file: this.file,
        pointer: pointerOf(place).split('/').slice(0, 9).join('/'),
        message: `nests deeper than ${MAX_DATA_DEPTH} levels below here`,
        hint: 'Flatten it: a contract is rarely more than a few dozen levels deep.',
      })
      return { ok: false }
    }
    const kind = plainKind(item)
    if (kind !== 'object' && kind !== 'array') {
      this.refuse(
        place,
        kind.startsWith('cannot') ? kind : `is a ${kind}, not plain JSON data`,
        kind === 'Date' ? 'Write it as an ISO 8601 string.' : PLAIN_HINT,
      )
      return { ok: false }
    }
    const copy: Container = kind === 'array' ? [] : {}
    this.stack.push({ from: item, to: copy, place, depth, exit: true })
    this.stack.push({ from: item, to: copy, place, depth })
    return { ok: true, copy }
  }

  /** Copies the children of one container into its copy (getters read once, each guarded). */
  copyChildren(frame: Frame): void {
    const isArray = Array.isArray(frame.to)
    let keys: string[]
    try {
      keys = isArray
        ? Array.from({ length: (frame.from as unknown[]).length }, (_, i) => String(i))
        : Object.keys(frame.from)
    } catch (error) {
      this.refuse(frame.place, `cannot be read: ${messageOf(error)}`)
      return
    }
    for (const key of keys) {
      let child: unknown
      try {
        child = (frame.from as Record<string, unknown>)[key]
      } catch (error) {
        this.refuse({ parent: frame.place, key }, `cannot be read: ${messageOf(error)}`)
        continue
      }
      if (child === undefined && !isArray) continue // as JSON.stringify: an absent key
      const { ok, copy } = this.copyOf(child, frame.place, key, frame.depth + 1)
      if (!ok) continue
      if (isArray) frame.to[Number(key)] = copy
      else assignOwn(frame.to, key, copy)
    }
  }
}

/**
 * Why a primitive cannot be JSON (message and hint), or undefined when it can: NaN and
 * Infinity (YAML `.nan`, `.inf`), a BigInt, a symbol, a function, `undefined`.
 */
function primitiveRefusal(item: unknown): readonly [string, string?] | undefined {
  switch (typeof item) {
    case 'number':
      if (Number.isFinite(item)) return undefined
      return [
        `${String(item)} is not a JSON number (YAML ${Number.isNaN(item) ? '.nan' : item > 0 ? '.inf' : '-.inf'})`,
        'Write a finite number, or leave the keyword out.',
      ]
    case 'bigint':
      return [
        `is a BigInt (${item}n), which JSON cannot hold`,
        'Pass a number, or a string for digits a number cannot hold.',
      ]
    case 'symbol':
    case 'function':
    case 'undefined':
      return [
        `is ${typeof item === 'undefined' ? 'undefined' : `a ${typeof item}`}, which JSON cannot hold`,
      ]
    default:
      return undefined
  }
}

/** 'object' or 'array' for plain JSON containers; otherwise what the value is, or why it cannot be read. */
function plainKind(object: object): string {
  try {
    if (Array.isArray(object)) return 'array'
    const proto = Object.getPrototypeOf(object) as object | null
    if (proto === null || proto === Object.prototype) return 'object'
    const name = (proto.constructor as { name?: unknown } | undefined)?.name
    return typeof name === 'string' && name !== '' ? name : 'class instance'
  } catch (error) {
    return `cannot be read: ${messageOf(error)}`
  }
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
