/** Consumers: which service reads which fields of which contract range. */
import type { Consumer } from '../api-types.js'
import type { Database } from './database.js'
import { consumerOf, writeAudit } from './rows.js'
import type { Row } from './rows.js'
import type { Store } from './store-types.js'

async function declareConsumer(
  db: Database,
  ...[service, contract, range, fields, by]: Parameters<Store['declareConsumer']>
): Promise<Consumer> {
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
    await writeAudit(tx, by, 'consume', `${service} -> ${contract}@${range}`, {
      fields: [...fields],
    })
    return consumerOf(rows[0] as Row)
  })
}

/** Every consumer, or a contract's, by contract and service. */
export async function consumersOf(db: Database, contract?: string): Promise<Consumer[]> {
  const rows =
    contract === undefined
      ? await db.query<Row>('SELECT * FROM consumer ORDER BY contract_name, service')
      : await db.query<Row>('SELECT * FROM consumer WHERE contract_name = $1 ORDER BY service', [
          contract,
        ])
  return rows.map(consumerOf)
}

/** The store's consumer queries on a database. */
export function consumerQueries(db: Database): Pick<Store, 'declareConsumer' | 'consumers'> {
  return {
    declareConsumer: (...args) => declareConsumer(db, ...args),
    consumers: (contract) => consumersOf(db, contract),
  }
}
