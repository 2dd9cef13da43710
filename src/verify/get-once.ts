/**
 * One plain GET for the `protocol` check's probes and the stand-in's identity: its own socket
 * (no keep-alive pool to drain), a timeout on the whole answer, and a cap on what is read, so a
 * metadata endpoint that hangs or streams forever still ends the run on time.
 */
import * as http from 'node:http'
import * as https from 'node:https'
import type { IncomingHttpHeaders } from 'node:http'
import { nestingExceeds } from '../json/index.js'
import { maxAnswerDepth } from './read-answer.js'
import { describeFailure } from './request-failure.js'

/** Bytes of an answer read at most; the rest is dropped. */
const maxBytes = 1024 * 1024

/** What one GET got. */
export type GetAnswer =
  | {
      readonly kind: 'answered'
      readonly status: number
      readonly headers: IncomingHttpHeaders
      readonly contentType: string
      /** The body text (at most 1 MiB). */
      readonly text: string
      /** The parsed body, when the text is JSON. */
      readonly body?: unknown
      readonly json: boolean
    }
  | { readonly kind: 'unreachable'; readonly message: string }

/**
 * GETs `path` under `baseUrl` (its path is a prefix) with `headers`, within `timeoutMs`.
 * Never rejects.
 */
export function getOnce(
  baseUrl: URL,
  path: string,
  options: { readonly timeoutMs: number; readonly headers: Readonly<Record<string, string>> },
): Promise<GetAnswer> {
  const prefix = baseUrl.pathname.replace(/\/+$/, '')
  const client = baseUrl.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    let settled = false
    const finish = (answer: GetAnswer): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(answer)
    }
    const req = client.request(
      {
        protocol: baseUrl.protocol,
        hostname: baseUrl.hostname.replace(/^\[|\]$/g, ''),
        port: baseUrl.port,
        method: 'GET',
        path: `${prefix}${path}`,
        headers: { accept: 'application/json', ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size < maxBytes) chunks.push(chunk)
          size += chunk.length
          if (size >= maxBytes) res.destroy()
        })
        const done = (): void => {
          const text = Buffer.concat(chunks).toString('utf8').slice(0, maxBytes)
          let body: unknown
          let json = false
          // Nesting is bounded before parsing, as for the cases' answers (read-answer.ts): a
          // 100,000-deep metadata answer is "not JSON", never a stack overflow downstream.
          if (!nestingExceeds(text, maxAnswerDepth)) {
            try {
              body = JSON.parse(text)
              json = true
            } catch {
              body = undefined
            }
          }
          finish({
            kind: 'answered',
            status: res.statusCode ?? 0,
            headers: res.headers,
            contentType: res.headers['content-type'] ?? '',
            text,
            ...(json ? { body } : {}),
            json,
          })
        }
        res.on('end', done)
        res.on('close', done)
        res.on('error', done)
      },
    )
    const timer = setTimeout(() => {
      finish({ kind: 'unreachable', message: `no answer within ${options.timeoutMs} ms` })
      req.destroy()
    }, options.timeoutMs)
    req.on('error', (error) =>
      finish({
        kind: 'unreachable',
        message: describeFailure(error, baseUrl.protocol === 'https:').message,
      }),
    )
    req.end()
  })
}
