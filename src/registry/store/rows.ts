/**
 * From the drivers' rows to the API's records, and the SQL pieces every query group shares: the
 * audit row written inside each write's transaction, and the newest-first filter of the lists.
 */
import { rcompare } from 'semver'
import type { Approval, AuditEntry, Consumer, Verification } from '../api-types.js'
import type { Sql } from './database.js'

/** A row as the drivers give it. */
export type Row = Record<string, unknown>

/** A verification or approval id (a UUID); anything else is not found without asking. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A timestamp column as ISO 8601 text. */
export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
}

/** A column's value as text (the drivers give text, numbers for int8 in PGlite, strings in pg). */
export function str(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  return JSON.stringify(value) ?? ''
}

/** Writes the audit row of a write, inside its transaction. */
export async function writeAudit(
  tx: Sql,
  actor: string,
  action: AuditEntry['action'],
  subject: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await tx.query('INSERT INTO audit (actor, action, subject, detail) VALUES ($1, $2, $3, $4)', [
    actor,
    action,
    subject,
    detail === undefined ? null : JSON.stringify(detail),
  ])
}

export function consumerOf(r: Row): Consumer {
  return {
    service: str(r.service),
    contract: str(r.contract_name),
    range: str(r.range),
    fields: (r.fields as string[] | null) ?? [],
    declaredAt: iso(r.declared_at),
    declaredBy: str(r.declared_by),
  }
}

/** A stored seed: a number when it is a safe integer, else the text as given. */
function seedOf(text: string): number | string {
  const n = Number(text)
  return /^-?[0-9]+$/.test(text) && Number.isSafeInteger(n) ? n : text
}

/** The columns of a verification's summary (without its report and HTML). */
export const VERIFICATION_COLUMNS =
  'id, contract_name, contract_version, model_name, model_version, verdict, report_hash, seed, standin_version, html IS NOT NULL AS has_html, created_at, created_by'

export function verificationOf(r: Row): Verification {
  return {
    id: str(r.id),
    contract: { name: str(r.contract_name), version: str(r.contract_version) },
    model: { name: str(r.model_name), version: str(r.model_version) },
    verdict: r.verdict === 'passed' ? 'passed' : 'failed',
    reportHash: str(r.report_hash),
    seed: seedOf(str(r.seed)),
    standinVersion: str(r.standin_version),
    hasHtml: r.has_html === true,
    createdAt: iso(r.created_at),
    createdBy: str(r.created_by),
  }
}

export function approvalOf(r: Row): Approval {
  return {
    id: str(r.id),
    verificationId: str(r.verification_id),
    model: { name: str(r.model_name), version: str(r.model_version) },
    contract: { name: str(r.contract_name), version: str(r.contract_version) },
    reportHash: str(r.report_hash),
    by: str(r.approved_by),
    ...(r.note !== null && r.note !== undefined ? { note: str(r.note) } : {}),
    createdAt: iso(r.created_at),
  }
}

/** Semver versions, newest first (in place). */
export function sortVersions(versions: string[]): string[] {
  return versions.sort((a, b) => rcompare(a, b))
}

/**
 * `WHERE column = $1 AND ... ORDER BY seq DESC LIMIT $n` for the columns given a value (the
 * undefined ones are left out), newest first, at most `limit` rows (default 100).
 */
export function newestWhere(
  equal: Readonly<Record<string, string | undefined>>,
  limit = 100,
): { clause: string; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  for (const [column, value] of Object.entries(equal)) {
    if (value === undefined) continue
    params.push(value)
    where.push(`${column} = $${params.length}`)
  }
  params.push(limit)
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : ''
  return { clause: `${filter}ORDER BY seq DESC LIMIT $${params.length}`, params }
}
