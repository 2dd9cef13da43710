/**
 * The proxy never invents an answer: a model that is down, or that closes the connection before
 * or in the middle of its answer, gives the service the same failure it gets without the proxy,
 * and the recording says what happened.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { startProxy } from '../../src/traffic/index.js'
import { root } from '../helpers/run-cli.js'
import { classifierOutput } from '../helpers/classifier-output.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-proxy-failures-'))
const body = JSON.stringify({
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO',
  amount: 23.1,
  currency: 'GBP',
  direction: 'debit',
})

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** What a client sees: the status and body, or the error it failed with. */
async function outcome(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    return `answered ${response.status}: ${await response.text()}`
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return `failed: ${(error as Error).message} (${cause?.code ?? cause?.message ?? ''})`
  }
}

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

const contract = await loadContract(join(root, 'contracts/transaction-classifier.contract.yaml'))

it('closes the connection when the model is down, and records it as unreachable', async () => {
  const down = createServer()
  const url = await listen(down)
  await new Promise<void>((resolve) => down.close(() => resolve()))
  const file = join(tmp, 'down.jsonl')
  const proxy = await startProxy(contract, { target: url, port: 0, record: { file } })
  const seen = await outcome(proxy.url)
  await proxy.close()
  expect(seen).toMatch(/^failed: fetch failed/)
  expect(seen).not.toMatch(/answered/)
  const [exchange] = lines(file)
  expect(exchange).toMatchObject({ outcome: 'unreachable', violations: [] })
  expect(String(exchange?.error)).toMatch(/^ECONNREFUSED: /)
  expect(exchange).not.toHaveProperty('status')
})

it('passes a mid-answer close through: the service gets the same failure as without the proxy', async () => {
  const partial = '{"request_id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","categ'
  const model = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' })
      res.write(partial)
      setTimeout(() => res.socket?.destroy(), 20)
    })
  })
  const url = await listen(model)
  const file = join(tmp, 'mid-answer.jsonl')
  const proxy = await startProxy(contract, { target: url, port: 0, record: { file } })
  const direct = await outcome(url)
  const through = await outcome(proxy.url)
  await proxy.close()
  await new Promise<void>((resolve) => model.close(() => resolve()))
  expect(direct).toMatch(/^failed: terminated/)
  expect(through).toBe(direct)
  const [exchange] = lines(file)
  expect(exchange).toMatchObject({
    status: 200,
    outcome: 'closed',
    error: `the model closed the connection after ${partial.length} bytes of its answer`,
    inputs: [JSON.parse(body)],
  })
})

it('passes a close before any answer through, and records it as closed', async () => {
  const model = createServer((req) => {
    req.resume()
    req.on('end', () => req.socket.destroy())
  })
  const url = await listen(model)
  const file = join(tmp, 'closed.jsonl')
  const proxy = await startProxy(contract, { target: url, port: 0, record: { file } })
  const direct = await outcome(url)
  const through = await outcome(proxy.url)
  await proxy.close()
  await new Promise<void>((resolve) => model.close(() => resolve()))
  expect(direct).toMatch(/^failed: fetch failed/)
  expect(through).toMatch(/^failed: fetch failed/)
  const [exchange] = lines(file)
  expect(exchange).toMatchObject({ outcome: 'closed' })
  expect(String(exchange?.error)).toMatch(/^ECONNRESET: socket hang up$/)
})

it('samples, rotates and redacts its recording', async () => {
  const model = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(classifierOutput))
    })
  })
  const url = await listen(model)
  const file = join(tmp, 'rotated.jsonl')
  const proxy = await startProxy(contract, {
    target: url,
    port: 0,
    record: { file, sampleRate: 0.5, maxBytes: 2000, maxFiles: 2, redact: ['/narration'] },
  })
  for (let i = 0; i < 40; i++) await outcome(proxy.url)
  await proxy.close()
  await new Promise<void>((resolve) => model.close(() => resolve()))
  expect(proxy.counts()).toEqual({ seen: 40, kept: 20 })
  const files = [file, `${file}.1`, `${file}.2`].map((f) => readFileSync(f, 'utf8'))
  for (const text of files) {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2000)
    expect(JSON.parse(text.split('\n')[0] ?? '')).toMatchObject({
      standin: 'recording',
      sampleRate: 0.5,
      redacted: ['/narration'],
    })
    expect(text).not.toContain('TESCO')
  }
  expect(lines(file)[0]).toMatchObject({ inputs: [{ narration: '***', amount: 23.1 }] })
})
