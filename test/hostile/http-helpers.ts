/** Helpers of the hostile HTTP battery: raw sockets, timed requests, event-loop lag. */
import { connect, type Socket } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'

/** An answer read with fetch: status, headers, the body text and its parsed JSON (if any). */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

/** Sends a request with fetch and reads the whole answer. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init)
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** Opens a TCP connection to `url`'s host and port. */
export function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) })
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

/**
 * Writes raw bytes on a new connection and collects what comes back until the server closes it
 * (or `waitMs` passes): the text, and whether the server closed.
 */
export async function raw(
  url: string,
  payload: string | Buffer,
  waitMs = 3000,
): Promise<{ text: string; closed: boolean }> {
  const socket = await openSocket(url)
  return new Promise((resolve) => {
    let text = ''
    const done = (closed: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ text, closed })
    }
    const timer = setTimeout(() => done(false), waitMs)
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
    socket.on('close', () => done(true))
    socket.on('error', () => undefined)
    socket.write(payload)
  })
}

/** The status codes of every HTTP response in a raw answer, in order. */
export function statuses(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]))
}

/** Runs `during` while measuring this process's event-loop delay; the largest delay in ms. */
export async function withLagMeter<T>(
  during: () => Promise<T>,
): Promise<{ value: T; maxLagMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  try {
    const value = await during()
    return { value, maxLagMs: histogram.max / 1e6 }
  } finally {
    histogram.disable()
  }
}

/** Milliseconds one call takes. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await call()
  return { value, ms: performance.now() - started }
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
