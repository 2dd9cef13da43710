/**
 * Loads express, msw or nock when an adapter is first made, not when standin is imported:
 * `standin serve` starts faster without them, and importing nock switches its interception on
 * for the whole process, which nobody who only wants the server should get.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** The CommonJS export of a peer library, loaded on first use. */
export function loadPeer<T>(name: 'express' | 'msw' | 'nock'): T {
  return require(name) as T
}
