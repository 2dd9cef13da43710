/**
 * Reading requests and writing answers on node:http: the body read with its cap (refused at a
 * too-large Content-Length before reading, and as soon as a streamed body passes it), strict
 * UTF-8 JSON with bounded nesting, and the JSON, problem+json and HTML answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isObject, nestingExceeds } from '../../json/index.js'
import { Refusal } from './refusal.js'

/** The largest request body: 8 MiB. */
export const bodyLimit = 8 * 1024 * 1024

/** Deepest JSON nesting a body may have. */
const maxDepth = 256

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The CSP of every HTML answer: no script, inline style, data: images. */
export const htmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

function tooLarge(size: number, streamed: boolean): Refusal {
  return new Refusal(
    413,
    'registry.too-large',
    `The body is ${streamed ? `over ${bodyLimit}` : size} bytes; the registry takes at most ${bodyLimit} bytes (8 MiB).`,
  )
}

/**
 * The client went before its body was read (it hung up mid-upload, or the server is stopping
 * and ended the connection): nobody is left to answer, and it is no fault of the registry.
 */
export class RequestAborted extends Error {
  override readonly name = 'RequestAborted'
}

/** Reads the body as text (UTF-8, at most `bodyLimit` bytes). */
export function readText(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > bodyLimit) {
    req.resume()
    return Promise.reject(tooLarge(declared, false))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > bodyLimit) {
        refused = true
        chunks.length = 0
        reject(tooLarge(size, true))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      try {
        resolve(utf8.decode(Buffer.concat(chunks)))
      } catch {
        reject(new Refusal(400, 'registry.bad-request', 'The body is not valid UTF-8.'))
      }
    })
    // The request stream fails only when its connection does ('aborted', ECONNRESET).
    req.on('error', (error) => reject(new RequestAborted(error.message)))
  })
}

/** Reads the body as a JSON object. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? 'application/json')
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type))
    throw new Refusal(
      415,
      'registry.bad-request',
      `The body must be application/json, not ${type}.`,
    )
  const text = await readText(req)
  if (text.trim() === '')
    throw new Refusal(400, 'registry.bad-request', 'The body is empty; send a JSON object.')
  if (nestingExceeds(text, maxDepth))
    throw new Refusal(400, 'registry.bad-request', `The body nests deeper than ${maxDepth} levels.`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Refusal(
      400,
      'registry.bad-request',
      `The body is not valid JSON: ${(error as Error).message}.`,
    )
  }
  if (!isObject(value))
    throw new Refusal(400, 'registry.bad-request', 'The body must be a JSON object.')
  return value
}

/** Answers with JSON. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(body)
}

/** Answers with a problem. */
export function sendProblem(res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify(refusal.body())
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(body)
}

/** Answers with an HTML page under the registry's content security policy. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': htmlPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  })
  res.end(html)
}
