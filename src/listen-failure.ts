/**
 * Why a server could not listen, in words a user can act on: the port taken, an address this
 * machine does not have, a host name that does not resolve, a port that needs privileges. One
 * sentence for `standin serve`, `proxy` and `registry serve`, with node's code in brackets.
 */

/** What to tell the user when `host:port` could not be bound, `error` being node's. */
export function listenFailure(host: string, port: number, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  const at = `${host.includes(':') ? `[${host}]` : host}:${port}`
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is in use. Stop the other server or pick another port with --port (0 picks a free one).`
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${at}: ${host} is not an address of this machine (EADDRNOTAVAIL). Bind 127.0.0.1 (the default), 0.0.0.0 for every interface, or one of this machine's own addresses with --host.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot listen on ${at}: the host name ${host} does not resolve (${code}). Give --host an IP address, or a name this machine resolves such as localhost.`
    case 'EACCES':
      return `Cannot listen on ${at}: this user may not bind port ${port} (EACCES; ports below 1024 need privileges). Pick a port of 1024 or more with --port, or 0 for a free one.`
    default: {
      const message = error instanceof Error ? error.message : String(error)
      return `Cannot listen on ${at}: ${message.replace(/\.$/, '')}.`
    }
  }
}
