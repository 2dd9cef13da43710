/**
 * Contracts and their versions: publish (one transaction: the rules, the row, the audit row) and
 * the reads. Versions are immutable: the primary key on (name, version) decides a race between
 * two publishers, not a check before the insert.
 */
import { parse as parseSemver, rcompare } from 'semver'
import type { SemVer } from 'semver'
import type {
  ContractDetail,
  ContractSummary,
  ContractVersion,
  VersionSummary,
} from '../api-types.js'
import { UniqueViolation } from './database.js'
import type { Database, Sql } from './database.js'
import { consumersOf } from './consumer-queries.js'
import { consumerOf, iso, sortVersions, str, writeAudit } from './rows.js'
import type { Row } from './rows.js'
import type { NewVersion, PublishContext, PublishOutcome, Store } from './store-types.js'

type PublishRules = Parameters<Store['publish']>[1]

async function insertVersion(tx: Sql, v: NewVersion, semver: SemVer): Promise<void> {
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
}

/** What the publish rules see: the name's versions, their documents, its consumers. */
async function publishContext(
  tx: Sql,
  name: string,
  rows: readonly Row[],
): Promise<PublishContext> {
  const consumers = (
    await tx.query<Row>('SELECT * FROM consumer WHERE contract_name = $1', [name])
  ).map(consumerOf)
  return {
    versions: rows.map((r) => ({ version: str(r.version), digest: str(r.digest) })),
    document: async (version) => {
      const found = await tx.query<Row>(
        'SELECT document FROM contract_version WHERE name = $1 AND version = $2',
        [name, version],
      )
      return (found[0]?.document ?? {}) as Record<string, unknown>
    },
    consumers,
  }
}

/** Publish inside one transaction: the same version is identical or taken; else rules, insert. */
async function publishIn(
  tx: Sql,
  v: NewVersion,
  semver: SemVer,
  rules: PublishRules,
): Promise<PublishOutcome> {
  // Publishes of one name, one at a time: each sees the versions the one before it wrote, so two
  // concurrent publishes cannot each pass the bump and consumer rules against the same past.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`publish ${v.name}`])
  await tx.query('INSERT INTO contract (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [v.name])
  const rows = await tx.query<Row>('SELECT version, digest FROM contract_version WHERE name = $1', [
    v.name,
  ])
  const same = rows.find((r) => r.version === v.version)
  if (same)
    return same.digest === v.digest
      ? { outcome: 'identical' }
      : { outcome: 'exists', digest: str(same.digest) }
  const diff = await rules(await publishContext(tx, v.name, rows))
  await insertVersion(tx, v, semver)
  await writeAudit(tx, v.by, 'publish', `${v.name}@${v.version}`, {
    digest: v.digest,
    ...(diff ? { from: diff.from, required: diff.required, actual: diff.actual } : {}),
  })
  return diff ? { outcome: 'created', diff } : { outcome: 'created' }
}

async function publish(db: Database, v: NewVersion, rules: PublishRules): Promise<PublishOutcome> {
  const semver = parseSemver(v.version)
  if (!semver) throw new Error(`not semver: ${v.version}`)
  try {
    return await db.transaction((tx) => publishIn(tx, v, semver, rules))
  } catch (error) {
    // Another publisher won the race for this (name, version): compare with what it wrote.
    if (!(error instanceof UniqueViolation)) throw error
    const digest = await digestOf(db, v.name, v.version)
    if (digest === undefined) throw error
    return digest === v.digest ? { outcome: 'identical' } : { outcome: 'exists', digest }
  }
}

async function digestOf(db: Database, name: string, version: string): Promise<string | undefined> {
  const rows = await db.query<Row>(
    'SELECT digest FROM contract_version WHERE name = $1 AND version = $2',
    [name, version],
  )
  return rows[0] ? str(rows[0].digest) : undefined
}

async function contracts(db: Database): Promise<ContractSummary[]> {
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
}

async function contract(db: Database, name: string): Promise<ContractDetail | undefined> {
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
  return { name, versions, consumers: await consumersOf(db, name) }
}

async function versionNames(db: Database, name: string): Promise<string[]> {
  const rows = await db.query<Row>('SELECT version FROM contract_version WHERE name = $1', [name])
  return sortVersions(rows.map((r) => str(r.version)))
}

async function version(
  db: Database,
  name: string,
  version: string,
): Promise<ContractVersion | undefined> {
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
}

/** The store's contract queries on a database. */
export function contractQueries(
  db: Database,
): Pick<Store, 'publish' | 'digestOf' | 'contracts' | 'contract' | 'versionNames' | 'version'> {
  return {
    publish: (v, rules) => publish(db, v, rules),
    digestOf: (name, v) => digestOf(db, name, v),
    contracts: () => contracts(db),
    contract: (name) => contract(db, name),
    versionNames: (name) => versionNames(db, name),
    version: (name, v) => version(db, name, v),
  }
}
