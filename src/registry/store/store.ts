/**
 * The registry's storage: one `Store` over either backend (PGlite or PostgreSQL), assembled from
 * one query module per resource. Every write is one transaction that also writes its audit row.
 */
import { contractQueries } from './contract-queries.js'
import { consumerQueries } from './consumer-queries.js'
import { migrate } from './database.js'
import type { Database } from './database.js'
import { logQueries } from './log-queries.js'
import type { Store } from './store-types.js'
import { tokenQueries } from './token-queries.js'
import { verificationQueries } from './verification-queries.js'

export type {
  NewVerification,
  NewVersion,
  PublishContext,
  PublishOutcome,
  Store,
  TokenIdentity,
  VerificationFilter,
} from './store-types.js'

/** Opens the store on a backend: runs the migrations first. */
export async function createStore(db: Database): Promise<Store> {
  const schemaVersion = await migrate(db)
  return {
    kind: db.kind,
    where: db.where,
    schemaVersion,
    ping: async () => {
      await db.query('SELECT 1')
    },
    ...tokenQueries(db),
    ...contractQueries(db),
    ...consumerQueries(db),
    ...verificationQueries(db),
    ...logQueries(db),
    close: () => db.close(),
  }
}
