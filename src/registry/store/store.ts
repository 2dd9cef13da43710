/**
 * The registry's storage: one `Store` over either backend (PGlite or PostgreSQL). Every write is
 * one transaction that also writes its audit row. Versions are immutable: the primary key on
 * (name, version) decides a race between two publishers, not a check before the insert.
 */
import { randomUUID } from 'node:crypto'
import { parse as parseSemver, rcompare } from 'semver'
import type {
  Approval,
  AuditEntry,
  Consumer,
  ContractDetail,
  ContractSummary,
  ContractVersion,
  RegistryRole,
  SwapMatrix,
  Verification,
  VersionDiff,
  VersionSummary,
} from '../api-types.js'
import { migrate, UniqueViolation } from './database.js'
import type { Database, Sql } from './database.js'
import { hashSecret, newSecret } from './tokens.js'

/** A token as the server sees it after checking a secret. */
export interface TokenIdentity {
  readonly name: string
  readonly role: RegistryRole
}

/** A version to publish, checked and digested by the caller. */
export interface NewVersion {
  readonly name: string
  readonly version: string
  readonly digest: string
  readonly document: Readonly<Record<string, unknown>>
  readonly source?: string
  readonly description?: string
  readonly owner?: string
  readonly protocol: string
  readonly by: string
}

/** What the publish rules see, inside the publish transaction. */
export interface PublishContext {
  /** Every published version of the name (the new one excluded), with digests. */
  readonly versions: readonly { readonly version: string; readonly digest: string }[]
  /** The stored document of one of them. */
  readonly document: (version: string) => Promise<Readonly<Record<string, unknown>>>
  readonly consumers: readonly Consumer[]
}

/** The answer of `publish`: created, identical (no-op), or taken by other content. */
export type PublishOutcome =
  | { readonly outcome: 'created'; readonly diff?: VersionDiff }
  | { readonly outcome: 'identical' }
  | { readonly outcome: 'exists'; readonly digest: string }

/** A verification to record. */
export interface NewVerification {
  readonly contract: { readonly name: string; readonly version: string }
  readonly model: { readonly name: string; readonly version: string }
  readonly verdict: 'passed' | 'failed'
  readonly report: unknown
  readonly reportText: string
  readonly reportHash: string
  readonly html?: string
  readonly seed: number | string
  readonly standinVersion: string
  readonly by: string
}

/** A filter on verifications. */
export interface VerificationFilter {
  readonly model?: { readonly name: string; readonly version: string }
  readonly contract?: { readonly name: string; readonly version?: string }
  readonly reportHash?: string
  readonly limit?: number
}

/** The registry's storage. */
export interface Store {
  readonly kind: 'pglite' | 'postgres'
  readonly where: string
  readonly schemaVersion: number
  ping(): Promise<void>
  createToken(name: string, role: RegistryRole, actor: string): Promise<string>
  findToken(secret: string): Promise<TokenIdentity | undefined>
  publish(
    version: NewVersion,
    rules: (context: PublishContext) => Promise<VersionDiff | undefined>,
  ): Promise<PublishOutcome>
  digestOf(name: string, version: string): Promise<string | undefined>
  contracts(): Promise<ContractSummary[]>
  contract(name: string): Promise<ContractDetail | undefined>
  versionNames(name: string): Promise<string[]>
  version(name: string, version: string): Promise<ContractVersion | undefined>
  declareConsumer(
    service: string,
    contract: string,
    range: string,
    fields: readonly string[],
    by: string,
  ): Promise<Consumer>
  consumers(contract?: string): Promise<Consumer[]>
  recordVerification(v: NewVerification): Promise<Verification>
  verifications(filter: VerificationFilter): Promise<Verification[]>
  verification(id: string): Promise<(Verification & { readonly html?: string }) | undefined>
  approve(input: {
    readonly verification: Verification
    readonly by: string
    readonly note?: string
    readonly actor: string
  }): Promise<Approval>
  approvals(filter: {
    readonly model?: { readonly name: string; readonly version: string }
    readonly contract?: string
    readonly limit?: number
  }): Promise<Approval[]>
  audit(limit: number): Promise<AuditEntry[]>
  matrices(limit: number): Promise<SwapMatrix[]>
  close(): Promise<void>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
}

async function audit(
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

type Row = Record<string, unknown>

/** A column's value as text (the drivers give text, numbers for int8 in PGlite, strings in pg). */
function str(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  return JSON.stringify(value) ?? ''
}

function consumerOf(r: Row): Consumer {
  return {
    service: str(r.service),
    contract: str(r.contract_name),
    range: str(r.range),
    fields: (r.fields as string[] | null) ?? [],
    declaredAt: iso(r.declared_at),
    declaredBy: str(r.declared_by),
  }
}

function seedOf(text: string): number | string {
  const n = Number(text)
  return /^-?[0-9]+$/.test(text) && Number.isSafeInteger(n) ? n : text
}

const VERIFICATION_COLUMNS =
  'id, contract_name, contract_version, model_name, model_version, verdict, report_hash, seed, standin_version, html IS NOT NULL AS has_html, created_at, created_by'

function verificationOf(r: Row): Verification {
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

function approvalOf(r: Row): Approval {
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

function sortVersions(versions: string[]): string[] {
  return versions.sort((a, b) => rcompare(a, b))
}

/** Opens the store on a backend: runs the migrations first. */
export async function createStore(db: Database): Promise<Store> {
  const schemaVersion = await migrate(db)
  const store: Store = {
    kind: db.kind,
    where: db.where,
    schemaVersion,

    async ping() {
      await db.query('SELECT 1')
    },

    async createToken(name, role, actor) {
      const secret = newSecret()
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO token (name, role, hash) VALUES ($1, $2, $3)', [
          name,
          role,
          hashSecret(secret),
        ])
        await audit(tx, actor, 'token', name, { role })
      })
      return secret
    },

    async findToken(secret) {
      const rows = await db.query<Row>(
        'SELECT name, role FROM token WHERE hash = $1 AND revoked_at IS NULL',
        [hashSecret(secret)],
      )
      const row = rows[0]
      return row ? { name: str(row.name), role: row.role as RegistryRole } : undefined
    },

    async publish(v, rules) {
      const semver = parseSemver(v.version)
      if (!semver) throw new Error(`not semver: ${v.version}`)
      try {
        return await db.transaction(async (tx): Promise<PublishOutcome> => {
          await tx.query('INSERT INTO contract (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [
            v.name,
          ])
          const rows = await tx.query<Row>(
            'SELECT version, digest FROM contract_version WHERE name = $1',
            [v.name],
          )
          const same = rows.find((r) => r.version === v.version)
          if (same)
            return same.digest === v.digest
              ? { outcome: 'identical' }
              : { outcome: 'exists', digest: str(same.digest) }
          const consumers = (
            await tx.query<Row>('SELECT * FROM consumer WHERE contract_name = $1', [v.name])
          ).map(consumerOf)
          const diff = await rules({
            versions: rows.map((r) => ({ version: str(r.version), digest: str(r.digest) })),
            document: async (version) => {
              const found = await tx.query<Row>(
                'SELECT document FROM contract_version WHERE name = $1 AND version = $2',
                [v.name, version],
              )
              return (found[0]?.document ?? {}) as Record<string, unknown>
            },
            consumers,
          })
          await tx.query(
            `INSERT INTO contract_version (name, version, major, minor, patch, prerelease, digest,
               document, source, description, owner, protocol, published_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
            [
              v.name,
              v.version,
              semver.major,
              semver.minor,
              semver.patch,
              semver.prerelease.join('.'),
              v.digest,
              JSON.stringify(v.document),
              v.source ?? null,
              v.description ?? null,
              v.owner ?? null,
              v.protocol,
              v.by,
            ],
          )
          await audit(tx, v.by, 'publish', `${v.name}@${v.version}`, {
            digest: v.digest,
            ...(diff ? { from: diff.from, required: diff.required, actual: diff.actual } : {}),
          })
          return diff ? { outcome: 'created', diff } : { outcome: 'created' }
        })
      } catch (error) {
        // Another publisher won the race for this (name, version): compare with what it wrote.
        if (!(error instanceof UniqueViolation)) throw error
        const digest = await store.digestOf(v.name, v.version)
        if (digest === undefined) throw error
        return digest === v.digest ? { outcome: 'identical' } : { outcome: 'exists', digest }
      }
    },

    async digestOf(name, version) {
      const rows = await db.query<Row>(
        'SELECT digest FROM contract_version WHERE name = $1 AND version = $2',
        [name, version],
      )
      return rows[0] ? str(rows[0].digest) : undefined
    },

    async contracts() {
      const rows = await db.query<Row>(
        `SELECT l.name, l.version AS latest, l.description, l.owner, l.protocol,
                s.versions, s.updated_at, COALESCE(c.consumers, 0) AS consumers
           FROM (SELECT DISTINCT ON (name) name, version, description, owner, protocol
                   FROM contract_version
                  ORDER BY name, major DESC, minor DESC, patch DESC, (prerelease = '') DESC, prerelease DESC) l
           JOIN (SELECT name, count(*) AS versions, max(published_at) AS updated_at
                   FROM contract_version GROUP BY name) s ON s.name = l.name
           LEFT JOIN (SELECT contract_name, count(*) AS consumers FROM consumer GROUP BY contract_name) c
             ON c.contract_name = l.name
          ORDER BY l.name`,
      )
      return rows.map((r) => ({
        name: str(r.name),
        latest: str(r.latest),
        versions: Number(r.versions),
        ...(r.description !== null ? { description: str(r.description) } : {}),
        ...(r.owner !== null ? { owner: str(r.owner) } : {}),
        protocol: str(r.protocol),
        consumers: Number(r.consumers),
        updatedAt: iso(r.updated_at),
      }))
    },

    async contract(name) {
      const rows = await db.query<Row>(
        'SELECT version, digest, published_at, published_by FROM contract_version WHERE name = $1',
        [name],
      )
      if (rows.length === 0) return undefined
      const versions: VersionSummary[] = rows
        .map((r) => ({
          version: str(r.version),
          digest: str(r.digest),
          publishedAt: iso(r.published_at),
          publishedBy: str(r.published_by),
        }))
        .sort((a, b) => rcompare(a.version, b.version))
      return { name, versions, consumers: await store.consumers(name) }
    },

    async versionNames(name) {
      const rows = await db.query<Row>('SELECT version FROM contract_version WHERE name = $1', [
        name,
      ])
      return sortVersions(rows.map((r) => str(r.version)))
    },

    async version(name, version) {
      const rows = await db.query<Row>(
        'SELECT * FROM contract_version WHERE name = $1 AND version = $2',
        [name, version],
      )
      const r = rows[0]
      if (!r) return undefined
      return {
        name,
        version,
        digest: str(r.digest),
        publishedAt: iso(r.published_at),
        publishedBy: str(r.published_by),
        contract: r.document as Record<string, unknown>,
        ...(r.source !== null && r.source !== undefined ? { source: str(r.source) } : {}),
      }
    },

    async declareConsumer(service, contract, range, fields, by) {
      return db.transaction(async (tx) => {
        const rows = await tx.query<Row>(
          `INSERT INTO consumer (service, contract_name, range, fields, declared_by)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (service, contract_name)
           DO UPDATE SET range = EXCLUDED.range, fields = EXCLUDED.fields,
                         declared_at = clock_timestamp(), declared_by = EXCLUDED.declared_by
           RETURNING *`,
          [service, contract, range, [...fields], by],
        )
        await audit(tx, by, 'consume', `${service} -> ${contract}@${range}`, {
          fields: [...fields],
        })
        return consumerOf(rows[0] as Row)
      })
    },

    async consumers(contract) {
      const rows =
        contract === undefined
          ? await db.query<Row>('SELECT * FROM consumer ORDER BY contract_name, service')
          : await db.query<Row>(
              'SELECT * FROM consumer WHERE contract_name = $1 ORDER BY service',
              [contract],
            )
      return rows.map(consumerOf)
    },

    async recordVerification(v) {
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
        await audit(
          tx,
          v.by,
          'verification',
          `${v.model.name}@${v.model.version} against ${v.contract.name}@${v.contract.version}`,
          { id, verdict: v.verdict, reportHash: v.reportHash },
        )
        return verificationOf(rows[0] as Row)
      })
    },

    async verifications(filter) {
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
    },

    async verification(id) {
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
    },

    async approve({ verification, by, note, actor }) {
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
        await audit(
          tx,
          actor,
          'approve',
          `${verification.model.name}@${verification.model.version} against ${verification.contract.name}@${verification.contract.version}`,
          { id, verificationId: verification.id, reportHash: verification.reportHash, by },
        )
        return approvalOf(rows[0] as Row)
      })
    },

    async approvals(filter) {
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
    },

    async audit(limit) {
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
    },

    async matrices(limit) {
      // The contracts most recently verified, each with its model versions by contract versions.
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
        .map(([contract, list]) => {
          const key = (r: Row): string => `${str(r.model_name)}@${str(r.model_version)}`
          const models = [...new Map(list.map((r) => [key(r), r])).values()]
            .map((r) => ({ name: str(r.model_name), version: str(r.model_version) }))
            .sort((a, b) =>
              a.name === b.name
                ? parseSemver(a.version) && parseSemver(b.version)
                  ? rcompare(a.version, b.version)
                  : a.version < b.version
                    ? 1
                    : -1
                : a.name < b.name
                  ? -1
                  : 1,
            )
          const contractVersions = sortVersions([
            ...new Set(list.map((r) => str(r.contract_version))),
          ])
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
        })
    },

    close: () => db.close(),
  }
  return store
}

/**
 * `WHERE column = $1 AND ... ORDER BY seq DESC LIMIT $n` for the columns given a value (the
 * undefined ones are left out), newest first, at most `limit` rows (default 100).
 */
function newestWhere(
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
