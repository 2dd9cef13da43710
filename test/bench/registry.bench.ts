/**
 * The registry under a realistic load of history: 1,000 contracts, 10,000 versions, 1,000
 * consumers and 100,000 verification records (with 20,000 approvals), seeded with bulk SQL (not
 * through the API), on PGlite and on a real PostgreSQL (Debian's, started in a temporary folder).
 * Measured through HTTP on a loopback port: publish (a new minor version, diffed against the last
 * one and checked against its consumer), can-swap with approval, and the pages. Printed side by
 * side, PostgreSQL / PGlite as the ratio.
 *
 * Run: npm run build && node --import tsx test/bench/registry.bench.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRegistry } from '../../src/registry/index.js'
import type { Database } from '../../src/registry/store/database.js'
import { openPglite } from '../../src/registry/store/pglite-database.js'
import { openPostgres } from '../../src/registry/store/postgres-database.js'
import { createStore } from '../../src/registry/store/store.js'
import { call, contract } from '../registry/fixtures.js'
import { startPostgres } from '../registry/postgres-harness.js'

const quick = process.argv.includes('--quick')
const CONTRACTS = 1000
const VERSIONS = 10
const PER_VERSION = 10
const rounds = { publish: quick ? 20 : 60, canSwap: quick ? 50 : 200, page: quick ? 10 : 30 }

async function seed(db: Database): Promise<void> {
  const template = JSON.stringify(contract('1.0.0'))
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO contract (name) SELECT 'c-' || lpad(c::text, 4, '0') FROM generate_series(0, $1 - 1) c`,
      [CONTRACTS],
    )
    await tx.query(
      `INSERT INTO contract_version (name, version, major, minor, patch, prerelease, digest, document,
         description, owner, protocol, published_by)
       SELECT n, '1.' || v || '.0', 1, v, 0, '', md5(n || v) || md5(v || n),
              jsonb_set(jsonb_set($1::jsonb, '{name}', to_jsonb(n)), '{version}', to_jsonb('1.' || v || '.0')),
              'contract ' || n, 'team-' || (c % 20), 'json', 'seed'
         FROM generate_series(0, $2 - 1) c, generate_series(0, $3 - 1) v,
              LATERAL (SELECT 'c-' || lpad(c::text, 4, '0') AS n) names`,
      [template, CONTRACTS, VERSIONS],
    )
    await tx.query(
      `INSERT INTO consumer (service, contract_name, range, fields, declared_by)
       SELECT 'svc-' || (c % 100), 'c-' || lpad(c::text, 4, '0'), '^1', ARRAY['/category'], 'seed'
         FROM generate_series(0, $1 - 1) c`,
      [CONTRACTS],
    )
    await tx.query(
      `INSERT INTO verification (id, contract_name, contract_version, model_name, model_version,
         verdict, report, report_text, report_hash, seed, standin_version, created_by)
       SELECT md5(c::text || '-' || v || '-' || k)::uuid, 'c-' || lpad(c::text, 4, '0'), '1.' || v || '.0',
              'model-' || (c % 50), '2.' || k || '.0',
              CASE WHEN k % 5 = 4 THEN 'failed' ELSE 'passed' END,
              '{"format":1}'::jsonb, '{"format":1}', md5(c::text || v || k) || md5(k::text || v || c), '42', '0.1.0', 'seed'
         FROM generate_series(0, $1 - 1) c, generate_series(0, $2 - 1) v, generate_series(0, $3 - 1) k`,
      [CONTRACTS, VERSIONS, PER_VERSION],
    )
    await tx.query(
      `INSERT INTO approval (id, verification_id, model_name, model_version, contract_name,
         contract_version, report_hash, approved_by, created_by)
       SELECT md5('a' || id::text)::uuid, id, model_name, model_version, contract_name,
              contract_version, report_hash, 'reviewer', 'seed'
         FROM verification WHERE verdict = 'passed' AND seq % 4 = 0`,
    )
  })
  await db.query('ANALYZE')
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

async function time(
  n: number,
  run: (i: number) => Promise<number>,
): Promise<{ p50: number; p95: number }> {
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const status = await run(i)
    ms.push(performance.now() - t)
    if (status >= 300) throw new Error(`status ${status} in round ${i}`)
  }
  ms.sort((a, b) => a - b)
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) }
}

type Figures = Record<string, { p50: number; p95: number }>

async function measure(db: Database): Promise<{ figures: Figures; seedMs: number }> {
  const t = performance.now()
  const store = await createStore(db)
  await seed(db)
  const seedMs = performance.now() - t
  const token = await store.createToken('bench', 'admin', 'bench')
  const registry = await startRegistry({ store, port: 0 })
  const figures: Figures = {}
  try {
    figures['publish (new minor, diff + consumer check)'] = await time(
      rounds.publish,
      async (i) => {
        const name = `c-${String(i * 7).padStart(4, '0')}`
        const next = contract(
          '1.10.0',
          (c) => (c.output.properties.extra = { type: 'string' }),
          name,
        )
        return (
          await call(registry.url, 'PUT', `/api/contracts/${name}/versions/1.10.0`, {
            body: { contract: next },
            token,
          })
        ).status
      },
    )
    figures['can-swap with approval'] = await time(rounds.canSwap, async (i) => {
      const c = (i * 37) % CONTRACTS
      const name = `c-${String(c).padStart(4, '0')}`
      return (
        await call(
          registry.url,
          'GET',
          `/api/can-swap?model=model-${c % 50}%402.${i % PER_VERSION}.0&contract=${name}&requireApproval=true`,
        )
      ).status
    })
    figures['page / (1,000 contracts)'] = await time(
      rounds.page,
      async () => (await call(registry.url, 'GET', '/')).status,
    )
    figures['page /contracts/{name} (10 diffs)'] = await time(rounds.page, async (i) => {
      const name = `c-${String(500 + i).padStart(4, '0')}`
      return (await call(registry.url, 'GET', `/contracts/${name}`)).status
    })
    figures['GET /api/verifications (model, 100k rows)'] = await time(
      rounds.canSwap,
      async (i) =>
        (
          await call(
            registry.url,
            'GET',
            `/api/verifications?model=model-${i % 50}%402.3.0&limit=100`,
          )
        ).status,
    )
  } finally {
    await registry.close()
    await store.close()
  }
  return { figures, seedMs }
}

const folder = mkdtempSync(join(tmpdir(), 'standin-registry-bench-'))
const pglite = await measure(await openPglite(join(folder, 'registry')))
const cluster = await startPostgres()
const postgres = await measure(await openPostgres(await cluster.createDatabase('bench')))
await cluster.stop()
rmSync(folder, { recursive: true, force: true })

const ms = (n: number): string => `${n.toFixed(1)} ms`
console.log(
  `\nregistry: ${CONTRACTS.toLocaleString('en')} contracts, ${(CONTRACTS * VERSIONS).toLocaleString('en')} versions, ${(CONTRACTS * VERSIONS * PER_VERSION).toLocaleString('en')} verifications (seeded by SQL in ${(pglite.seedMs / 1000).toFixed(1)} s on PGlite, ${(postgres.seedMs / 1000).toFixed(1)} s on PostgreSQL)\n`,
)
console.log(
  '| operation | PGlite p50 | PostgreSQL p50 | ratio (PG / PGlite) | PGlite p95 | PostgreSQL p95 |',
)
console.log('|---|---|---|---|---|---|')
for (const [name, a] of Object.entries(pglite.figures)) {
  const b = postgres.figures[name] ?? { p50: NaN, p95: NaN }
  console.log(
    `| ${name} | ${ms(a.p50)} | ${ms(b.p50)} | ${(b.p50 / a.p50).toFixed(2)}× | ${ms(a.p95)} | ${ms(b.p95)} |`,
  )
}
