/**
 * Verifications, approvals and the swap gate. A verification is the JSON report of a `standin
 * verify` run, kept byte for byte with its sha256 (recomputed here, a mismatch refused); its
 * verdict and seed are read from the report, not taken from the client. An approval signs one
 * passing verification, named by its report hash. can-swap asks, for every contract version a
 * consumer depends on, whether the model version passed against it (and, when required, whether
 * someone approved that pass).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { maxSatisfying, prerelease, rcompare, satisfies } from 'semver'
import { isObject } from '../../json/index.js'
import type { Approval, CanSwap, CanSwapRow, NameVersion, Verification } from '../api-types.js'
import type { Store } from '../store/store.js'
import { Refusal } from './refusal.js'

/** `name@version` split at its last `@` (names may start with a scope `@`). */
export function splitNameVersion(text: string, what: string, versionRequired = true): NameVersion {
  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) {
    if (!versionRequired && text !== '' && at === -1) return { name: text, version: '' }
    throw new Refusal(
      400,
      'registry.bad-request',
      `${what} must be name@version such as fraud-model@2.1.0, not '${text}'.`,
    )
  }
  return { name: text.slice(0, at), version: text.slice(at + 1) }
}

function nameVersion(value: unknown, pointer: string): NameVersion {
  if (
    !isObject(value) ||
    typeof value.name !== 'string' ||
    value.name === '' ||
    typeof value.version !== 'string' ||
    value.version === ''
  )
    throw new Refusal(
      422,
      'registry.bad-request',
      `${pointer.slice(1)} must be {"name": "...", "version": "..."}.`,
      [{ pointer, message: 'expected an object with a name and a version (strings)' }],
    )
  return { name: value.name, version: value.version }
}

function text(value: unknown, pointer: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined
  if (typeof value !== 'string' || (!optional && value === ''))
    throw new Refusal(422, 'registry.bad-request', `${pointer.slice(1)} must be a string.`, [
      { pointer, message: 'expected a string' },
    ])
  return value
}

const HASH = /^[0-9a-f]{64}$/

/** sha256 hex of UTF-8 text. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

/** `POST /api/verifications`. */
export async function recordVerification(
  store: Store,
  body: Record<string, unknown>,
  req: IncomingMessage,
  actor: string,
): Promise<Verification> {
  const contract = nameVersion(body.contract, '/contract')
  const model = nameVersion(body.model, '/model')
  const reportText = text(body.reportText, '/reportText') ?? ''
  const reportHash = text(body.reportHash, '/reportHash') ?? ''
  const html = text(body.html, '/html', true)
  const actual = sha256(reportText)
  if (reportHash !== actual)
    throw new Refusal(
      422,
      'registry.report-hash-mismatch',
      `reportHash ${HASH.test(reportHash) ? reportHash : `'${reportHash.slice(0, 80)}'`} is not the sha256 of reportText (${actual}); send the sha256 hex of the report's exact UTF-8 bytes.`,
      [{ pointer: '/reportHash', message: `expected ${actual}` }],
    )
  let report: unknown
  try {
    report = JSON.parse(reportText)
  } catch (error) {
    throw new Refusal(
      422,
      'registry.invalid-report',
      `reportText is not JSON (${(error as Error).message}); send the report \`standin verify --reporter json:FILE\` wrote.`,
      [{ pointer: '/reportText', message: 'expected a standin JSON report' }],
    )
  }
  if (
    !isObject(report) ||
    report.format !== 1 ||
    (report.verdict !== 'passed' && report.verdict !== 'failed') ||
    (typeof report.seed !== 'number' && typeof report.seed !== 'string') ||
    !isObject(report.contract)
  )
    throw new Refusal(
      422,
      'registry.invalid-report',
      'reportText is not a standin JSON report (format 1, with verdict, seed and contract); send the report `standin verify --reporter json:FILE` wrote.',
      [{ pointer: '/reportText', message: 'expected a standin JSON report' }],
    )
  if (report.contract.name !== contract.name || report.contract.version !== contract.version)
    throw new Refusal(
      422,
      'registry.invalid-report',
      `The report verified ${String(report.contract.name)}@${String(report.contract.version)}, not ${contract.name}@${contract.version}.`,
      [{ pointer: '/contract', message: 'expected the contract the report verified' }],
    )
  const stored = await store.digestOf(contract.name, contract.version)
  if (stored === undefined)
    throw new Refusal(
      422,
      'registry.unknown-version',
      `${contract.name}@${contract.version} is not published in this registry; publish it first.`,
      [{ pointer: '/contract', message: 'expected a published contract version' }],
    )
  checkVerifiedContent(body.contractDigest, stored, contract)
  checkRealTarget(report.target)
  const agent = /\bstandin\/([0-9A-Za-z.+-]+)/.exec(String(req.headers['user-agent'] ?? ''))
  const standinVersion =
    typeof report.standinVersion === 'string' ? report.standinVersion : (agent?.[1] ?? 'unknown')
  return store.recordVerification({
    contract,
    model,
    verdict: report.verdict,
    report,
    reportText,
    reportHash,
    ...(html !== undefined ? { html } : {}),
    seed: report.seed,
    standinVersion,
    by: actor,
  })
}

/**
 * Refuses a report of other content than the stored version's: a local copy edited under the
 * same name and version (a weaker schema) tested something the consumers do not get. A client
 * that sends no digest (standin before this check) is told to upgrade, not that it is wrong.
 */
function checkVerifiedContent(sent: unknown, stored: string, contract: NameVersion): void {
  const subject = `${contract.name}@${contract.version}`
  if (sent === undefined)
    throw new Refusal(
      422,
      'registry.contract-mismatch',
      `The verification does not say which content of ${subject} it ran (no contractDigest): this standin is older than the registry. Upgrade standin and run verify --publish again.`,
      [{ pointer: '/contractDigest', message: `expected ${stored}` }],
    )
  if (sent !== stored)
    throw new Refusal(
      422,
      'registry.contract-mismatch',
      `The run verified other content than the published ${subject} (digest ${typeof sent === 'string' ? sent.slice(0, 12) : JSON.stringify(sent).slice(0, 12)}, published ${stored.slice(0, 12)}): a local copy that differs from the registry's. Verify the published contract, registry://<host>/${subject}, and publish again.`,
      [{ pointer: '/contractDigest', message: `expected ${stored}` }],
    )
}

/** Refuses a run against the stand-in itself: it says nothing of the model being swapped in. */
function checkRealTarget(target: unknown): void {
  const kind = isObject(target) ? target.kind : undefined
  if (kind === 'mock' || kind === 'function')
    throw new Refusal(
      422,
      'registry.stand-in-report',
      `The report is of a run against ${kind === 'mock' ? 'the stand-in (--target mock)' : 'an in-process function'}, not the model: verify the model's URL (--target http://...) and publish that run.`,
      [{ pointer: '/reportText', message: 'expected a run against the model' }],
    )
}

/** `POST /api/approvals`. */
export async function approve(
  store: Store,
  body: Record<string, unknown>,
  actor: string,
): Promise<Approval> {
  const model = nameVersion(body.model, '/model')
  const contract = nameVersion(body.contract, '/contract')
  const reportHash = text(body.reportHash, '/reportHash') ?? ''
  const by = text(body.by, '/by') ?? ''
  const note = text(body.note, '/note', true)
  const subject = `${model.name}@${model.version} against ${contract.name}@${contract.version}`
  const [verification] = await store.verifications({ model, contract, reportHash, limit: 1 })
  if (!verification) {
    const [elsewhere] = await store.verifications({ reportHash, limit: 1 })
    if (elsewhere)
      throw new Refusal(
        422,
        'registry.report-hash-mismatch',
        `The report ${reportHash} verified ${elsewhere.model.name}@${elsewhere.model.version} against ${elsewhere.contract.name}@${elsewhere.contract.version}, not ${subject}.`,
        [
          {
            pointer: '/reportHash',
            message: 'expected the hash of a report of this model and contract version',
          },
        ],
      )
    throw new Refusal(
      404,
      'registry.unknown-verification',
      `No verification of ${subject} has the report hash ${reportHash}; record it first with \`standin verify --publish\`.`,
    )
  }
  if (verification.verdict !== 'passed')
    throw new Refusal(
      422,
      'registry.approve-failed',
      `The verification ${verification.id} of ${subject} failed; only a passing verification can be approved.`,
    )
  return store.approve({ verification, by, ...(note !== undefined ? { note } : {}), actor })
}

/** `GET /api/can-swap?model=name@version&contract=name&requireApproval=true`. */
export async function canSwap(
  store: Store,
  model: NameVersion,
  contract: string,
  requireApproval: boolean,
): Promise<CanSwap> {
  const versions = await store.versionNames(contract)
  if (versions.length === 0)
    throw new Refusal(
      404,
      'registry.unknown-contract',
      `No contract named ${contract} is published.`,
    )
  const consumers = await store.consumers(contract)
  const targets = new Map<string, string[]>()
  for (const consumer of consumers)
    for (const version of versions)
      if (satisfies(version, consumer.range))
        targets.set(version, [...(targets.get(version) ?? []), consumer.service])
  if (targets.size === 0) targets.set(latestOf(versions), [])
  const verifications = await store.verifications({
    model,
    contract: { name: contract },
    limit: 10_000,
  })
  const approvals = await store.approvals({ model, contract, limit: 10_000 })
  const rows: CanSwapRow[] = []
  const missing: string[] = []
  const subject = `${model.name}@${model.version}`
  for (const version of [...targets.keys()].sort(rcompare)) {
    const services = targets.get(version) ?? []
    const mine = verifications.filter((v) => v.contract.version === version)
    const passing = mine.filter((v) => v.verdict === 'passed')
    const approval = approvals.find(
      (a) => a.contract.version === version && passing.some((v) => v.id === a.verificationId),
    )
    const approved = passing.find((v) => v.id === approval?.verificationId)
    const shown = approved ?? passing[0] ?? mine[0]
    const ok = passing.length > 0 && (!requireApproval || approval !== undefined)
    const readBy =
      services.length > 0
        ? ` (read by ${services.join(', ')})`
        : ' (the latest version; no consumer is registered)'
    if (passing.length === 0)
      missing.push(
        `no passing verification of ${subject} against ${contract}@${version}${readBy}${mine.length > 0 ? `: the newest verification ${mine[0]?.id ?? ''} failed` : ''}`,
      )
    else if (requireApproval && !approval)
      missing.push(`no approval of ${subject} against ${contract}@${version}${readBy}`)
    rows.push({
      contractVersion: version,
      consumers: services,
      ...(shown
        ? {
            verification: {
              id: shown.id,
              verdict: shown.verdict,
              reportHash: shown.reportHash,
              createdAt: shown.createdAt,
            },
          }
        : {}),
      ...(approval
        ? { approval: { id: approval.id, by: approval.by, createdAt: approval.createdAt } }
        : {}),
      ok,
    })
  }
  return {
    model,
    contract,
    requireApproval,
    canSwap: rows.every((r) => r.ok),
    rows,
    missing,
  }
}

/**
 * The latest of `versions` (newest first): the highest release, as `*` takes it; the highest
 * pre-release only when nothing else is published (can-swap then has a version to ask about).
 */
function latestOf(versions: readonly string[]): string {
  return versions.find((v) => prerelease(v) === null) ?? versions[0] ?? ''
}

/**
 * The highest published version of `name` in `range`, by semver's rules: a pre-release is in a
 * range only when the range names a pre-release of the same major.minor.patch (`^1.1.0-rc.1`), so
 * publishing 1.1.0-rc.1 changes nothing for `^1.0` or `*` (latest). Only pre-releases published:
 * latest has no version, and the refusal says to name one.
 */
export async function resolveRange(store: Store, name: string, range: string): Promise<string> {
  const versions = await store.versionNames(name)
  if (versions.length === 0)
    throw new Refusal(404, 'registry.unknown-contract', `No contract named ${name} is published.`)
  const found = maxSatisfying(versions, range)
  if (found === null) {
    const onlyPre = maxSatisfying(versions, range, { includePrerelease: true })
    throw new Refusal(
      404,
      'registry.no-matching-version',
      `No published version of ${name} is in the range ${range}; published: ${versions.slice(0, 10).join(', ')}${versions.length > 10 ? ', ...' : ''}.${onlyPre !== null ? ` A pre-release is in a range only when the range names one: ask for ${name}@${onlyPre}.` : ''}`,
    )
  }
  return found
}
