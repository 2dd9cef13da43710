/**
 * The bits of node:http every example model server needs: read a JSON body with a size limit,
 * answer JSON, listen on 127.0.0.1 (port 0 picks a free one) and print the address so the runner
 * can find it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/** A request body that could not be read or parsed. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message)
  }
}

/** Reads and parses a JSON body (limit 1 MB); requires a JSON content type. */
export async function readJson(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    req.resume()
    throw new BodyError(415, `Content-Type must be application/json, got ${type || 'none'}`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyError(413, `body larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new BodyError(400, 'body is not valid JSON')
  }
}

/** Sends `body` as JSON with `status`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** Options every example model server takes on its command line. */
export interface ServeArgs {
  readonly port: number
  readonly broken: boolean
  /** `--seed N`: train on a seeded sample of the data (examples that support it). */
  readonly seed?: number
}

/** Parses `--port N`, `--broken` and `--seed N`. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const portIndex = argv.indexOf('--port')
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : 0
  const seedIndex = argv.indexOf('--seed')
  const seed = seedIndex >= 0 ? Number(argv[seedIndex + 1]) : undefined
  return {
    port: Number.isInteger(port) ? port : 0,
    broken: argv.includes('--broken'),
    ...(seed !== undefined && Number.isInteger(seed) ? { seed } : {}),
  }
}

/** Starts `handler` on 127.0.0.1:`port`, prints `listening on http://127.0.0.1:PORT`, closes on SIGTERM/SIGINT. */
export async function listen(
  name: string,
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Server> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) })
      else res.destroy()
    })
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  const actual = typeof address === 'object' && address ? address.port : port
  console.log(`${name} listening on http://127.0.0.1:${actual}`)
  const stop = (): void => {
    server.close()
    server.closeAllConnections()
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  return server
}
