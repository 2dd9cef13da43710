/**
 * Who is asking: a bearer token's name and role. Writes need a token whose role allows them
 * (401 with `www-authenticate: Bearer` when it is missing or unknown, 403 when its role does not
 * allow the write); reads are open from loopback and need any valid token from elsewhere.
 */
import type { IncomingMessage } from 'node:http'
import type { RegistryRole } from '../api-types.js'
import type { Store, TokenIdentity } from '../store/store.js'
import { looksLikeSecret } from '../store/tokens.js'
import { Refusal } from './refusal.js'

/** True when the request comes from this machine. */
export function fromLoopback(req: IncomingMessage): boolean {
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  return address === '::1' || /^127\./.test(address)
}

function unauthorized(detail: string): Refusal {
  return new Refusal(401, 'registry.unauthorized', detail, undefined, {
    'www-authenticate': 'Bearer realm="standin registry"',
  })
}

/** The token the request carries, checked; undefined when it carries none. */
async function identify(req: IncomingMessage, store: Store): Promise<TokenIdentity | undefined> {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer +(\S+)\s*$/i.exec(header)
  if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>".')
  const secret = match[1]
  const token = looksLikeSecret(secret) ? await store.findToken(secret) : undefined
  if (!token)
    throw unauthorized(
      'The token is not known to this registry (or was revoked); create one with `standin registry token`.',
    )
  return token
}

/** For a write: the token, which must carry `role` (or admin). */
export async function requireRole(
  req: IncomingMessage,
  store: Store,
  role: RegistryRole,
  action: string,
): Promise<TokenIdentity> {
  const token = await identify(req, store)
  if (!token)
    throw unauthorized(
      `${action} needs a token with the ${role} role: send "Authorization: Bearer <token>".`,
    )
  if (token.role !== role && token.role !== 'admin')
    throw new Refusal(
      403,
      'registry.forbidden',
      `The token "${token.name}" has the ${token.role} role; ${action} needs the ${role} role.`,
    )
  return token
}

/** For a read: open from loopback, any valid token from elsewhere. */
export async function allowRead(req: IncomingMessage, store: Store): Promise<void> {
  const token = await identify(req, store)
  if (!token && !fromLoopback(req))
    throw unauthorized('Reading this registry from another machine needs a token (any role).')
}
