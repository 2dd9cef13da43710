/**
 * What the registry tests publish and record: a small contract in versions, a standin JSON report
 * of a verify run, and an HTTP helper that sends a request and reads the answer.
 */
import { createHash } from 'node:crypto'
import { request } from 'node:http'

/** A contract of `txn-clf` at `version`, changed by `edit`. */
export function contract(
  version: string,
  edit: (
    c: { output: { properties: Record<string, unknown>; required: string[] } } & Record<
      string,
      unknown
    >,
  ) => void = () => undefined,
  name = 'txn-clf',
): Record<string, unknown> {
  const c = {
    contract: 1,
    name,
    version,
    description: 'Classifies narrations <script>alert(1)</script>',
    owner: 'data-science',
    protocol: 'json',
    endpoint: { method: 'POST', path: '/predict' },
    input: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    output: {
      type: 'object',
      required: ['category', 'confidence'],
      properties: {
        category: { type: 'string', enum: ['food', 'travel'] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        note: { type: 'string' },
      },
    },
  }
  edit(c)
  return c
}

/** A JSON report of a verify run, as text, with its sha256. */
export function report(
  contractName: string,
  version: string,
  verdict: 'passed' | 'failed',
  seed = 42,
): { reportText: string; reportHash: string } {
  const reportText = `${JSON.stringify(
    {
      format: 1,
      contract: { name: contractName, version, protocol: 'json' },
      target: { kind: 'url', description: 'http://127.0.0.1:9/' },
      seed,
      casesRequested: 10,
      startedAt: '2026-12-01T10:00:00.000Z',
      durationMs: 12,
      verdict,
      checks: [],
      cases: [],
      unreachable: 0,
      latency: {},
    },
    null,
    2,
  )}\n`
  return { reportText, reportHash: createHash('sha256').update(reportText).digest('hex') }
}

/** An answer: status, headers, body text and the body as JSON when it is JSON. */
export interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read any field
  readonly json: any
}

/**
 * Sends one request with node:http (so an oversized body that the server refuses early is still
 * answered, not an EPIPE) and reads the answer.
 */
export function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => {
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
        res.on('error', reject)
      },
    )
    // A body the server refused early may fail to write (EPIPE) while its answer still comes:
    // give the answer a moment before failing.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') setTimeout(() => reject(error), 2000)
      else reject(error)
    })
    if (body !== undefined) req.end(body)
    else req.end()
  })
}
