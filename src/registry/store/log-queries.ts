/** What the registry's page shows of its history: the audit log and the can-swap matrices. */
import { parse as parseSemver, rcompare } from 'semver'
import type { AuditEntry, SwapMatrix } from '../api-types.js'
import type { Database } from './database.js'
import { iso, sortVersions, str } from './rows.js'
import type { Row } from './rows.js'
import type { Store } from './store-types.js'

async function audit(db: Database, limit: number): Promise<AuditEntry[]> {
  const rows = await db.query<Row>('SELECT * FROM audit ORDER BY id DESC LIMIT $1', [limit])
  return rows.map((r) => ({
    id: Number(r.id),
    at: iso(r.at),
    actor: str(r.actor),
    action: r.action as AuditEntry['action'],
    subject: str(r.subject),
    ...(r.detail !== null && r.detail !== undefined
      ? { detail: r.detail as Record<string, unknown> }
      : {}),
  }))
}

/** Models by name, then newest version first (semver where both parse, else by text). */
function byModel(
  a: { readonly name: string; readonly version: string },
  b: { readonly name: string; readonly version: string },
): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1
  if (parseSemver(a.version) && parseSemver(b.version)) return rcompare(a.version, b.version)
  return a.version < b.version ? 1 : -1
}

/** One contract's matrix: its verified model versions by its contract versions. */
function matrixOf(contract: string, list: readonly Row[]): SwapMatrix {
  const key = (r: Row): string => `${str(r.model_name)}@${str(r.model_version)}`
  const models = [...new Map(list.map((r) => [key(r), r])).values()]
    .map((r) => ({ name: str(r.model_name), version: str(r.model_version) }))
    .sort(byModel)
  const contractVersions = sortVersions([...new Set(list.map((r) => str(r.contract_version)))])
  const cell = new Map(list.map((r) => [`${key(r)} ${str(r.contract_version)}`, r]))
  const cells = models.map((m) =>
    contractVersions.map((cv) => {
      const r = cell.get(`${m.name}@${m.version} ${cv}`)
      if (!r) return 'none' as const
      if (r.approved === true) return 'approved' as const
      return r.passed === true ? ('passed' as const) : ('failed' as const)
    }),
  )
  return { contract, models, contractVersions, cells }
}

/** The contracts most recently verified, each with its model versions by contract versions. */
async function matrices(db: Database, limit: number): Promise<SwapMatrix[]> {
  const rows = await db.query<Row>(
    `WITH recent AS (
       SELECT contract_name FROM verification GROUP BY contract_name
        ORDER BY max(seq) DESC LIMIT $1
     )
     SELECT v.contract_name, v.contract_version, v.model_name, v.model_version,
            bool_or(v.verdict = 'passed') AS passed,
            bool_or(a.id IS NOT NULL) AS approved
       FROM verification v
       JOIN recent r ON r.contract_name = v.contract_name
       LEFT JOIN approval a ON a.verification_id = v.id AND v.verdict = 'passed'
      GROUP BY v.contract_name, v.contract_version, v.model_name, v.model_version`,
    [limit],
  )
  const byContract = new Map<string, Row[]>()
  for (const r of rows) {
    const list = byContract.get(str(r.contract_name)) ?? []
    list.push(r)
    byContract.set(str(r.contract_name), list)
  }
  return [...byContract.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([contract, list]) => matrixOf(contract, list))
}

/** The store's log queries on a database. */
export function logQueries(db: Database): Pick<Store, 'audit' | 'matrices'> {
  return {
    audit: (limit) => audit(db, limit),
    matrices: (limit) => matrices(db, limit),
  }
}
