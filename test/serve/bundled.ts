/** The four bundled contracts, loaded by the real loader, and request helpers for serve tests. */
import { request as httpRequest } from 'node:http'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import { root } from '../helpers/run-cli.js'

/** The bundled contract called `name`. */
export function bundledContract(name: string): Promise<Contract> {
  return loadContract(`contracts/${name}.contract.yaml`, { cwd: root })
}

/** All four bundled contracts, one per protocol. */
export async function bundledContracts(): Promise<Contract[]> {
  return Promise.all(
    ['transaction-classifier', 'ticket-router', 'fuel-consumption', 'news-signals'].map(
      bundledContract,
    ),
  )
}

/** An answer as every adapter test compares it. */
export interface Answer {
  status: number
  contentType: string | null
  body: unknown
}

/** Sends a request with fetch and reads the answer. */
export async function viaFetch(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Uint8Array<ArrayBuffer>,
): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text === '' ? '' : (JSON.parse(text) as unknown),
  }
}

/** Sends a request with node:http's `request` and reads the answer. */
export function viaHttpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? null,
          body: text === '' ? '' : (JSON.parse(text) as unknown),
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}
