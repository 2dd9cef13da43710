/**
 * `standin diff`: what changed between two versions of a contract, whether each change breaks
 * the model's callers, and which semver bump that calls for.
 */
import type { Contract } from '../contract/index.js'
import { diffSchemas } from './diff-schemas.js'
import type { SchemaChange } from './diff-schemas.js'
import { SemVer, compare, diff, inc, parse } from 'semver'

/** One change between two versions of a contract. */
export interface ContractChange {
  /** `breaking`: some caller or consumer that worked with the old contract fails with the new one. */
  readonly impact: 'breaking' | 'compatible' | 'patch'
  /** Pointer into the contract file where the change is. */
  readonly pointer: string
  /** What changed, and for whom it matters. */
  readonly message: string
}

/** The comparison of two versions of a contract. */
export interface ContractDiff {
  readonly name: string
  readonly from: string
  readonly to: string
  readonly changes: readonly ContractChange[]
  /** The smallest bump the changes call for. */
  readonly required: 'major' | 'minor' | 'patch' | 'none'
  /** The bump the new version actually makes (`none` when unchanged, `down` when lower). */
  readonly actual: 'major' | 'minor' | 'patch' | 'none' | 'down'
  /** True when the new version's bump is at least the one required. */
  readonly ok: boolean
  /** The version to use when the bump is too small. */
  readonly suggested: string
}

const RANK = { none: 0, patch: 1, minor: 2, major: 3 } as const

/**
 * Compares two loaded versions of a contract. Input changes break when they reject inputs the
 * old contract accepted (a new required field, a narrower type, a removed enum value); output
 * changes break when they produce outputs the old contract ruled out or drop what consumers read
 * (a removed field, a new enum value, a wider range). Additions elsewhere are compatible (minor);
 * descriptions, examples and mock defaults are patch-level. In 0.x, a minor bump may carry
 * breaking changes (semver §4).
 *
 * @example
 * const diff = diffContracts(await loadContract('old.yaml'), await loadContract('new.yaml'))
 * diff.required // 'major'
 */
export function diffContracts(before: Contract, after: Contract): ContractDiff {
  const changes: ContractChange[] = []
  const add = (impact: ContractChange['impact'], pointer: string, message: string): void => {
    changes.push({ impact, pointer, message })
  }
  if (before.name !== after.name)
    add('breaking', '/name', `the name changed from ${before.name} to ${after.name}`)
  if (before.protocol !== after.protocol) {
    add(
      'breaking',
      '/protocol',
      `the protocol changed from ${before.protocol} to ${after.protocol}`,
    )
  }
  if (
    before.endpoint.method !== after.endpoint.method ||
    before.endpoint.path !== after.endpoint.path
  ) {
    add(
      'breaking',
      '/endpoint',
      `the endpoint moved from ${before.endpoint.method} ${before.endpoint.path} to ${after.endpoint.method} ${after.endpoint.path}`,
    )
  }
  // A client that batches breaks when batches go away; taking them as well breaks no one.
  if (before.endpoint.batch === true && after.endpoint.batch !== true)
    add('breaking', '/endpoint/batch', 'the endpoint no longer takes batches (endpoint.batch)')
  if (before.endpoint.batch !== true && after.endpoint.batch === true)
    add('compatible', '/endpoint/batch', 'the endpoint now also takes batches (endpoint.batch)')
  for (const change of diffSchemas(before.input, after.input, '/input')) {
    add(
      impactOn('input', change),
      change.pointer,
      `input: ${change.message}${consequence('input', change)}`,
    )
  }
  for (const change of diffSchemas(before.output, after.output, '/output')) {
    add(
      impactOn('output', change),
      change.pointer,
      `output: ${change.message}${consequence('output', change)}`,
    )
  }
  diffPromises(before, after, add)
  for (const key of ['description', 'owner'] as const) {
    if (before[key] !== after[key]) add('patch', `/${key}`, `the ${key} changed`)
  }
  if (JSON.stringify(before.examples) !== JSON.stringify(after.examples))
    add('patch', '/examples', 'the examples changed')
  if (JSON.stringify(before.mock) !== JSON.stringify(after.mock))
    add('patch', '/mock', 'the stand-in defaults changed')
  const required = changes.some((c) => c.impact === 'breaking')
    ? 'major'
    : changes.some((c) => c.impact === 'compatible')
      ? 'minor'
      : changes.length > 0
        ? 'patch'
        : 'none'
  const from = parseSemver(before.version)
  const to = parseSemver(after.version)
  const actual = bumpOf(from, to)
  // semver §4: before 1.0.0 anything may change; standin asks for at least a minor bump there.
  const needed = from.major === 0 && required === 'major' ? 'minor' : required
  const ok = actual !== 'down' && RANK[actual] >= RANK[needed]
  return {
    name: after.name,
    from: before.version,
    to: after.version,
    changes,
    required,
    actual,
    ok,
    suggested: ok ? after.version : bump(from, to, needed),
  }
}

function impactOn(side: 'input' | 'output', change: SchemaChange): ContractChange['impact'] {
  switch (change.direction) {
    case 'added-field':
      return 'compatible'
    case 'removed-field':
      return side === 'output' ? 'breaking' : 'compatible'
    case 'removed-closed-field':
      return 'breaking'
    case 'changed':
      return 'breaking'
    case 'tighter':
      return side === 'input' ? 'breaking' : 'compatible'
    case 'looser':
      return side === 'output' ? 'breaking' : 'compatible'
  }
}

function consequence(side: 'input' | 'output', change: SchemaChange): string {
  const impact = impactOn(side, change)
  if (impact !== 'breaking') return ''
  if (change.direction === 'removed-closed-field' && side === 'input') {
    return ' (inputs that still send it are now rejected)'
  }
  if (change.direction === 'removed-field' || change.direction === 'removed-closed-field') {
    return ' (consumers that read it break)'
  }
  if (side === 'input') return ' (some inputs that were valid are now rejected)'
  return change.direction === 'looser'
    ? ' (consumers may receive values they were promised they would not)'
    : ' (consumers cannot tell what they will receive)'
}

function diffPromises(
  before: Contract,
  after: Contract,
  add: (impact: ContractChange['impact'], pointer: string, message: string) => void,
): void {
  const latencyA = before.checks.latency ?? {}
  const latencyB = after.checks.latency ?? {}
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const x = latencyA[p]
    const y = latencyB[p]
    if (x === y) continue
    const pointer = `/checks/latency/${p}`
    if (y === undefined || (x !== undefined && y > x)) {
      add(
        'breaking',
        pointer,
        `the ${p} latency promise was ${y === undefined ? 'dropped' : `loosened from ${x}ms to ${y}ms`}`,
      )
    } else
      add(
        'compatible',
        pointer,
        `the ${p} latency promise ${x === undefined ? `of ${y}ms was added` : `tightened from ${x}ms to ${y}ms`}`,
      )
  }
  const failA = before.checks.failureRate?.max
  const failB = after.checks.failureRate?.max
  if (failA !== failB) {
    if (failB === undefined || (failA !== undefined && failB > failA)) {
      add(
        'breaking',
        '/checks/failureRate/max',
        `the failure-rate promise was ${failB === undefined ? 'dropped' : `loosened from ${failA} to ${failB}`}`,
      )
    } else
      add(
        'compatible',
        '/checks/failureRate/max',
        `the failure-rate promise ${failA === undefined ? `of ${failB} was added` : `tightened from ${failA} to ${failB}`}`,
      )
  }
  for (const key of ['load', 'invariance', 'directional', 'distribution'] as const) {
    if (JSON.stringify(before.checks[key]) !== JSON.stringify(after.checks[key])) {
      add('patch', `/checks/${key}`, `the ${key} checks changed`)
    }
  }
}

/** A version as semver reads it (pre-release and build kept); invalid text reads as 0.0.0. */
function parseSemver(version: string): SemVer {
  return parse(version) ?? new SemVer('0.0.0')
}

function bumpOf(from: SemVer, to: SemVer): ContractDiff['actual'] {
  const order = compare(from, to)
  if (order > 0) return 'down'
  if (order === 0) return 'none'
  // A pre-release of a version counts as that version's bump (1.0.0 -> 2.0.0-rc.1 is major;
  // 1.0.0-rc.1 -> 1.0.0 is the release that major bump was heading for).
  const level = diff(from, to)
  if (level === 'major' || level === 'premajor') return 'major'
  if (level === 'minor' || level === 'preminor') return 'minor'
  return 'patch'
}

/** The smallest version above `from` that makes a `level` bump, a pre-release like `to` when `to` is one. */
function bump(from: SemVer, to: SemVer, level: ContractDiff['required']): string {
  if (level === 'none') return from.version
  const pre =
    to.prerelease.length > 0 ? to.prerelease.find((p) => typeof p === 'string') : undefined
  const next = pre !== undefined ? inc(from.version, `pre${level}`, pre) : inc(from.version, level)
  return next ?? from.version
}
