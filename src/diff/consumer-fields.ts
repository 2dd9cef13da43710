/**
 * Which output fields a contract change touches, for consumers that declared the fields they
 * read (`standin consume --fields /category`). A change's pointer into the contract
 * (`/output/properties/category/enum`) maps to a pointer into one output (`/category`; array
 * items and additional properties as `*`); a consumer's field is broken by a breaking change at
 * it, under it, or at an object above it.
 */
import { joinPointer, parsePointer } from '../json/index.js'
import type { ContractChange, ContractDiff } from './diff-contracts.js'

/**
 * The output data pointer a change is at (`*` for any array index or additional property), or
 * `undefined` when the change is not in the output schema.
 *
 * @example
 * outputFieldOf({ impact: 'breaking', pointer: '/output/properties/category/enum', message: '...' }) // '/category'
 */
export function outputFieldOf(change: ContractChange): string | undefined {
  const tokens = parsePointer(change.pointer)
  if (!tokens || tokens[0] !== 'output') return undefined
  const field: string[] = []
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    const next = tokens[i + 1]
    if (token === 'properties' && next !== undefined) {
      field.push(next)
      i++
    } else if (token === 'items' || (token === 'additionalProperties' && next !== undefined))
      field.push('*')
    else if (token === 'required') {
      // `"name" is no longer required`: the change is about that one field.
      const named = /"((?:[^"\\]|\\.)*)"/.exec(change.message)
      if (named?.[1] !== undefined) field.push(named[1])
      break
    } else break
  }
  return joinPointer('', ...field)
}

function sameToken(a: string, b: string): boolean {
  return a === b || a === '*' || b === '*' || (a === '-' && /^[0-9]+$/.test(b))
}

/** True when a change at `changed` touches the field `read` (at it, under it, or above it). */
export function touchesField(changed: string, read: string): boolean {
  const a = parsePointer(changed) ?? []
  const b = parsePointer(read) ?? []
  const shared = Math.min(a.length, b.length)
  for (let i = 0; i < shared; i++) if (!sameToken(a[i] ?? '', b[i] ?? '')) return false
  return true
}

/** One field a consumer reads that a diff breaks, with the change that breaks it. */
export interface BrokenField {
  /** The consumer's field, as declared (`/category`), or the change's pointer when it reads all. */
  readonly field: string
  readonly change: ContractChange
  /** True when the change removes exactly this field. */
  readonly removed: boolean
}

/**
 * The fields among `fields` (output JSON pointers; empty: every field) that the diff's breaking
 * changes break. A breaking change outside the output (input, endpoint, protocol, promises)
 * breaks every consumer, whatever it reads; it is reported with its contract pointer.
 */
export function brokenFields(diff: ContractDiff, fields: readonly string[]): BrokenField[] {
  const broken: BrokenField[] = []
  for (const change of diff.changes) {
    if (change.impact !== 'breaking') continue
    const at = outputFieldOf(change)
    const removal =
      /was removed/.test(change.message) && /\/properties\/[^/]+$/.test(change.pointer)
    if (at === undefined) {
      broken.push({ field: change.pointer, change, removed: false })
      continue
    }
    if (fields.length === 0) {
      broken.push({ field: at === '' ? '/' : at, change, removed: removal })
      continue
    }
    for (const field of fields)
      if (touchesField(at, field))
        broken.push({
          field,
          change,
          removed:
            removal && touchesField(field, at) && at.split('/').length <= field.split('/').length,
        })
  }
  return broken
}
