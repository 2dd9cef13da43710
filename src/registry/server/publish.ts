/**
 * `PUT /api/contracts/{name}/versions/{version}`: the publish rules. The contract (bundled: no
 * `$ref` to another file) is loaded with `loadContract`; its digest is the sha256 of its canonical
 * JSON. Inside the publish transaction: the same digest is a no-op and other content a 409; a new
 * version is diffed against the highest version below it and refused when its bump is smaller
 * than the changes call for, or when it breaks a field that a consumer whose range takes it
 * reads.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compare, satisfies, valid } from 'semver'
import { ContractError, loadContract } from '../../contract/index.js'
import type { Contract } from '../../contract/index.js'
import { brokenFields, diffContracts } from '../../diff/index.js'
import type { BrokenField, ContractDiff } from '../../diff/index.js'
import { isObject } from '../../json/index.js'
import type { Consumer, PublishResult, VersionDiff } from '../api-types.js'
import { digestOf } from '../contract-digest.js'
import type { PublishContext, Store } from '../store/store.js'
import { Refusal } from './refusal.js'

/** An empty folder: a `$ref` to a file in a published contract finds nothing, anywhere. */
let emptyFolder: string | undefined
function nowhere(): string {
  emptyFolder ??= mkdtempSync(join(tmpdir(), 'standin-registry-nowhere-'))
  return emptyFolder
}

/** Loaded contracts by digest: a stored version is loaded once per process. */
const loaded = new Map<string, Promise<Contract>>()

/** Loads a stored (or published) contract document, once per digest per process. */
export function load(
  document: Readonly<Record<string, unknown>>,
  digest: string,
): Promise<Contract> {
  let found = loaded.get(digest)
  if (!found) {
    found = loadContract(structuredClone(document), { cwd: nowhere() })
    found.catch(() => loaded.delete(digest))
    if (loaded.size >= 512) loaded.delete(loaded.keys().next().value as string)
    loaded.set(digest, found)
  }
  return found
}

/** True for a strict semantic version (`1.2.3`, `2.0.0-rc.1`). */
export function isSemver(version: string): boolean {
  return valid(version) === version
}

function versionDiff(diff: ContractDiff): VersionDiff {
  return {
    name: diff.name,
    from: diff.from,
    to: diff.to,
    changes: diff.changes,
    required: diff.required,
    actual: diff.actual,
  }
}

function consumerLine(consumer: Consumer, broken: BrokenField): string {
  const service = `service "${consumer.service}"`
  const message = broken.change.message
  if (!broken.change.pointer.startsWith('/output'))
    return `${service} depends on ${consumer.contract}@${consumer.range}, and this version breaks every consumer: ${message}`
  if (consumer.fields.length === 0)
    return `${service} reads every output field; this version breaks ${broken.field}: ${message}`
  return broken.removed
    ? `${service} reads ${broken.field}, which this version removes`
    : `${service} reads ${broken.field}, which this version breaks: ${message}`
}

/** Diffs between the new contract and published versions, each computed once. */
interface Diffs {
  /** The diff from a published version up to the new one. */
  readonly from: (base: string) => Promise<ContractDiff>
  /** The diff from the new one up to a published version above it. */
  readonly to: (higher: string) => Promise<ContractDiff>
}

function diffsOf(context: PublishContext, contract: Contract): Diffs {
  const digests = new Map(context.versions.map((v) => [v.version, v.digest]))
  const loadVersion = async (v: string): Promise<Contract> =>
    load(await context.document(v), digests.get(v) ?? v)
  const cache = new Map<string, Promise<ContractDiff>>()
  const once = (key: string, make: () => Promise<ContractDiff>): Promise<ContractDiff> => {
    let diff = cache.get(key)
    if (!diff) cache.set(key, (diff = make()))
    return diff
  }
  return {
    from: (base) =>
      once(`from ${base}`, async () => diffContracts(await loadVersion(base), contract)),
    to: (higher) =>
      once(`to ${higher}`, async () => diffContracts(contract, await loadVersion(higher))),
  }
}

/** The highest of `versions` below `version` and the lowest above it (in `range`, when given). */
function neighbours(
  versions: readonly string[],
  version: string,
  range?: string,
): { below?: string; above?: string } {
  const inRange = range === undefined ? versions : versions.filter((v) => satisfies(v, range))
  const sorted = [...inRange].sort(compare)
  const below = sorted.filter((v) => compare(v, version) < 0).at(-1)
  const above = sorted.find((v) => compare(v, version) > 0)
  return { ...(below !== undefined ? { below } : {}), ...(above !== undefined ? { above } : {}) }
}

/**
 * The consumers first: their refusal names who breaks, and a bump cannot fix it. For each
 * consumer whose range takes the new version, neither the step up to it (from the highest
 * version below it in the range) nor the step from it up to the next version in the range (a
 * version published out of order) may break a field the consumer reads.
 */
async function checkConsumers(
  context: PublishContext,
  contract: Contract,
  diffs: Diffs,
): Promise<void> {
  const version = contract.version
  const versions = context.versions.map((v) => v.version)
  const lines: string[] = []
  const problems: { pointer: string; message: string; code: string }[] = []
  for (const consumer of context.consumers) {
    // Semver's rules, as resolve and can-swap read a range: a pre-release only when named.
    if (!satisfies(version, consumer.range)) continue
    const { below, above } = neighbours(versions, version, consumer.range)
    const steps: [string, ContractDiff][] = []
    if (below !== undefined)
      steps.push([`compared with ${contract.name}@${below}`, await diffs.from(below)])
    if (above !== undefined)
      steps.push([
        `${contract.name}@${above} above it compared with this version`,
        await diffs.to(above),
      ])
    for (const [compared, diff] of steps)
      for (const broken of brokenFields(diff, consumer.fields)) {
        const line = consumerLine(consumer, broken)
        if (!lines.includes(line)) lines.push(line)
        problems.push({
          pointer: broken.change.pointer,
          message: `${line} (${compared})`,
          code: 'registry.consumer-broken',
        })
      }
  }
  if (lines.length > 0)
    throw new Refusal(
      422,
      'registry.consumer-broken',
      `${contract.name}@${version} breaks ${lines.length === 1 ? 'a registered consumer' : `${lines.length} registered consumers`}: ${lines.join('; ')}.`,
      problems,
    )
}

function firstChange(diff: ContractDiff): { message: string } {
  return (
    diff.changes.find((c) => c.impact === 'breaking') ??
    diff.changes.find((c) => c.impact === 'compatible') ?? { message: '' }
  )
}

async function checkRules(
  context: PublishContext,
  contract: Contract,
): Promise<VersionDiff | undefined> {
  const diffs = diffsOf(context, contract)
  await checkConsumers(context, contract, diffs)
  const version = contract.version
  const { below, above } = neighbours(
    context.versions.map((v) => v.version),
    version,
  )
  // Published out of order, the new version also sits below one: that step must be big enough.
  if (above !== undefined) {
    const up = await diffs.to(above)
    if (!up.ok)
      throw new Refusal(
        422,
        'registry.bump-too-small',
        `${contract.name}@${version} would sit below ${above}, which is a ${up.actual} bump over it, but the changes from ${version} to ${above} call for a ${up.required} bump (${firstChange(up).message}); publish a version whose changes fit there, or one above ${above}.`,
        up.changes.map((c) => ({ pointer: c.pointer, message: `${c.impact}: ${c.message}` })),
      )
  }
  if (below === undefined) return undefined
  const diff = await diffs.from(below)
  if (!diff.ok)
    throw new Refusal(
      422,
      'registry.bump-too-small',
      `${contract.name}@${version} is a ${diff.actual} bump over ${below}, but its changes call for a ${diff.required} bump (${firstChange(diff).message}); publish it as ${diff.suggested} or later.`,
      diff.changes.map((c) => ({ pointer: c.pointer, message: `${c.impact}: ${c.message}` })),
    )
  return versionDiff(diff)
}

/** Runs a publish; resolves to the status and body of the answer, or throws a `Refusal`. */
export async function publish(
  store: Store,
  name: string,
  version: string,
  body: Record<string, unknown>,
  actor: string,
): Promise<{ status: number; result: PublishResult }> {
  if (!isSemver(version))
    throw new Refusal(
      422,
      'registry.not-semver',
      `"${version}" is not a semantic version; use MAJOR.MINOR.PATCH such as 1.0.0 (a pre-release such as 2.0.0-rc.1 is fine).`,
    )
  const document = publishedDocument(body)
  const digest = digestOf(document)
  const contract = await loadPublished(document, digest)
  assertNamed(contract, name, version)
  const outcome = await store.publish(
    {
      name,
      version,
      digest,
      document,
      ...(typeof body.source === 'string' ? { source: body.source } : {}),
      ...(contract.description !== undefined ? { description: contract.description } : {}),
      ...(contract.owner !== undefined ? { owner: contract.owner } : {}),
      protocol: contract.protocol,
      by: actor,
    },
    (context) => checkRules(context, contract),
  )
  if (outcome.outcome === 'exists')
    throw new Refusal(
      409,
      'registry.version-exists',
      `${name}@${version} is already published with other content (digest ${outcome.digest.slice(0, 12)}, this one ${digest.slice(0, 12)}); versions are immutable: publish a new version.`,
    )
  if (outcome.outcome === 'identical')
    return { status: 200, result: { name, version, digest, created: false } }
  return {
    status: 201,
    result: {
      name,
      version,
      digest,
      created: true,
      ...(outcome.diff ? { diff: outcome.diff } : {}),
    },
  }
}

/** The body's contract object (and a text `source`, when given), or `registry.invalid-contract`. */
function publishedDocument(body: Record<string, unknown>): Record<string, unknown> {
  const document = body.contract
  if (!isObject(document))
    throw new Refusal(
      422,
      'registry.invalid-contract',
      'The body must be {"contract": {...}, "source"?: "..."}: the contract bundled into one JSON object.',
      [{ pointer: '/contract', message: 'expected the contract as a JSON object' }],
    )
  if (body.source !== undefined && typeof body.source !== 'string')
    throw new Refusal(
      422,
      'registry.invalid-contract',
      'source must be the contract file as text.',
      [{ pointer: '/source', message: 'expected a string' }],
    )
  return document
}

/** The contract loaded from the published document, or its errors by pointer into the body. */
async function loadPublished(document: Record<string, unknown>, digest: string): Promise<Contract> {
  try {
    return await load(document, digest)
  } catch (error) {
    if (!(error instanceof ContractError)) throw error
    const errors = error.problems.filter((p) => p.severity === 'error')
    throw new Refusal(
      422,
      'registry.invalid-contract',
      `The contract is not valid: ${errors[0]?.message ?? error.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`,
      errors.map((p) => ({ pointer: `/contract${p.pointer}`, message: p.message, code: p.code })),
    )
  }
}

/** The contract's own name and version are the ones the path names. */
function assertNamed(contract: Contract, name: string, version: string): void {
  if (contract.name !== name)
    throw new Refusal(
      422,
      'registry.name-mismatch',
      `The path names the contract "${name}", but the contract's name is "${contract.name}".`,
      [{ pointer: '/contract/name', message: `expected "${name}"` }],
    )
  if (contract.version !== version)
    throw new Refusal(
      422,
      'registry.version-mismatch',
      `The path names version ${version}, but the contract's version is ${contract.version}.`,
      [{ pointer: '/contract/version', message: `expected "${version}"` }],
    )
}
