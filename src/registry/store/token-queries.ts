/** The registry's tokens: created with their secret shown once, found by the secret's hash. */
import type { RegistryRole } from '../api-types.js'
import type { Database } from './database.js'
import { str, writeAudit } from './rows.js'
import type { Row } from './rows.js'
import type { Store } from './store-types.js'
import { hashSecret, newSecret } from './tokens.js'

async function createToken(
  db: Database,
  name: string,
  role: RegistryRole,
  actor: string,
): Promise<string> {
  const secret = newSecret()
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO token (name, role, hash) VALUES ($1, $2, $3)', [
      name,
      role,
      hashSecret(secret),
    ])
    await writeAudit(tx, actor, 'token', name, { role })
  })
  return secret
}

async function findToken(db: Database, secret: string): ReturnType<Store['findToken']> {
  const rows = await db.query<Row>(
    'SELECT name, role FROM token WHERE hash = $1 AND revoked_at IS NULL',
    [hashSecret(secret)],
  )
  const row = rows[0]
  return row ? { name: str(row.name), role: row.role as RegistryRole } : undefined
}

/** The store's token queries on a database. */
export function tokenQueries(db: Database): Pick<Store, 'createToken' | 'findToken'> {
  return {
    createToken: (name, role, actor) => createToken(db, name, role, actor),
    findToken: (secret) => findToken(db, secret),
  }
}
