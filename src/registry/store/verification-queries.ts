/** Verifications (a model version's report against a contract version) and their approvals. */
import { randomUUID } from 'node:crypto'
import type { Approval, Verification } from '../api-types.js'
import type { Database } from './database.js'
import {
  UUID,
  VERIFICATION_COLUMNS,
  approvalOf,
  newestWhere,
  verificationOf,
  writeAudit,
} from './rows.js'
import type { Row } from './rows.js'
import type { NewVerification, Store, VerificationFilter } from './store-types.js'

/** `model@version against contract@version`, the subject of audit rows. */
function pairOf(v: Pick<Verification, 'model' | 'contract'>): string {
  return `${v.model.name}@${v.model.version} against ${v.contract.name}@${v.contract.version}`
}

async function recordVerification(db: Database, v: NewVerification): Promise<Verification> {
  const id = randomUUID()
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>(
      `INSERT INTO verification (id, contract_name, contract_version, model_name, model_version,
         verdict, report, report_text, report_hash, html, seed, standin_version, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING ${VERIFICATION_COLUMNS}`,
      [
        id,
        v.contract.name,
        v.contract.version,
        v.model.name,
        v.model.version,
        v.verdict,
        JSON.stringify(v.report),
        v.reportText,
        v.reportHash,
        v.html ?? null,
        String(v.seed),
        v.standinVersion,
        v.by,
      ],
    )
    await writeAudit(tx, v.by, 'verification', pairOf(v), {
      id,
      verdict: v.verdict,
      reportHash: v.reportHash,
    })
    return verificationOf(rows[0] as Row)
  })
}

async function verifications(db: Database, filter: VerificationFilter): Promise<Verification[]> {
  const { clause, params } = newestWhere(
    {
      model_name: filter.model?.name,
      model_version: filter.model?.version,
      contract_name: filter.contract?.name,
      contract_version: filter.contract?.version,
      report_hash: filter.reportHash,
    },
    filter.limit,
  )
  const rows = await db.query<Row>(
    `SELECT ${VERIFICATION_COLUMNS} FROM verification ${clause}`,
    params,
  )
  return rows.map(verificationOf)
}

async function verification(db: Database, id: string): ReturnType<Store['verification']> {
  if (!UUID.test(id)) return undefined
  const rows = await db.query<Row>(
    `SELECT ${VERIFICATION_COLUMNS}, report, html FROM verification WHERE id = $1`,
    [id],
  )
  const r = rows[0]
  if (!r) return undefined
  return {
    ...verificationOf(r),
    report: r.report,
    ...(typeof r.html === 'string' ? { html: r.html } : {}),
  }
}

async function approve(
  db: Database,
  { verification, by, note, actor }: Parameters<Store['approve']>[0],
): Promise<Approval> {
  const id = randomUUID()
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>(
      `INSERT INTO approval (id, verification_id, model_name, model_version, contract_name,
         contract_version, report_hash, approved_by, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        id,
        verification.id,
        verification.model.name,
        verification.model.version,
        verification.contract.name,
        verification.contract.version,
        verification.reportHash,
        by,
        note ?? null,
        actor,
      ],
    )
    await writeAudit(tx, actor, 'approve', pairOf(verification), {
      id,
      verificationId: verification.id,
      reportHash: verification.reportHash,
      by,
    })
    return approvalOf(rows[0] as Row)
  })
}

async function approvals(
  db: Database,
  filter: Parameters<Store['approvals']>[0],
): Promise<Approval[]> {
  const { clause, params } = newestWhere(
    {
      model_name: filter.model?.name,
      model_version: filter.model?.version,
      contract_name: filter.contract,
    },
    filter.limit,
  )
  const rows = await db.query<Row>(`SELECT * FROM approval ${clause}`, params)
  return rows.map(approvalOf)
}

/** The store's verification and approval queries on a database. */
export function verificationQueries(
  db: Database,
): Pick<Store, 'recordVerification' | 'verifications' | 'verification' | 'approve' | 'approvals'> {
  return {
    recordVerification: (v) => recordVerification(db, v),
    verifications: (filter) => verifications(db, filter),
    verification: (id) => verification(db, id),
    approve: (input) => approve(db, input),
    approvals: (filter) => approvals(db, filter),
  }
}
