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
import { compare, maxSatisfying, satisfies, valid } from 'semver'
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

async function checkRules(
  context: PublishContext,
  contract: Contract,
  digest: string,
): Promise<VersionDiff | undefined> {
  const version = contract.version
  const versions = context.versions.map((v) => v.version)
  const digests = new Map(context.versions.map((v) => [v.version, v.digest]))
  const loadVersion = async (v: string): Promise<Contract> =>
    load(await context.document(v), digests.get(v) ?? v)
  const diffs = new Map<string, ContractDiff>()
  const diffFrom = async (base: string): Promise<ContractDiff> => {
    let diff = diffs.get(base)
    if (!diff) {
      diff = diffContracts(await loadVersion(base), contract)
      diffs.set(base, diff)
    }
    return diff
  }
  // The consumers first: their refusal names who breaks, and a bump cannot fix it.
  const lines: string[] = []
  const problems: { pointer: string; message: string; code: string }[] = []
  for (const consumer of context.consumers) {
    if (!satisfies(version, consumer.range, { includePrerelease: true })) continue
    const base = maxSatisfying(versions, consumer.range, { includePrerelease: true })
    if (base === null) continue
    for (const broken of brokenFields(await diffFrom(base), consumer.fields)) {
      const line = consumerLine(consumer, broken)
      if (!lines.includes(line)) lines.push(line)
      problems.push({
        pointer: broken.change.pointer,
        message: `${line} (compared with ${contract.name}@${base})`,
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
  const below = versions.filter((v) => compare(v, version) < 0).sort(compare)
  const previous = below[below.length - 1]
  if (previous === undefined) return undefined
  const diff = await diffFrom(previous)
  if (!diff.ok) {
    const first = diff.changes.find((c) => c.impact === 'breaking') ??
      diff.changes.find((c) => c.impact === 'compatible') ?? { message: '' }
    throw new Refusal(
      422,
      'registry.bump-too-small',
      `${contract.name}@${version} is a ${diff.actual} bump over ${previous}, but its changes call for a ${diff.required} bump (${first.message}); publish it as ${diff.suggested} or later.`,
      diff.changes.map((c) => ({ pointer: c.pointer, message: `${c.impact}: ${c.message}` })),
    )
  }
  void digest
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
    (context) => checkRules(context, contract, digest),
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
