/**
 * Token secrets: `stk_` and 43 URL-safe base64 characters (32 random bytes), shown once. The
 * database keeps only their sha256, so a leaked database gives no working token.
 */
import { createHash, randomBytes } from 'node:crypto'

/** A new secret. */
export function newSecret(): string {
  return `stk_${randomBytes(32).toString('base64url')}`
}

/** The sha256 hex the database stores for a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** True when `text` has the shape of a secret (checked before any lookup). */
export function looksLikeSecret(text: string): boolean {
  return /^stk_[A-Za-z0-9_-]{43}$/.test(text)
}
