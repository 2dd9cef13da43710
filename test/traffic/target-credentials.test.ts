/**
 * Credentials in a model's URL (`http://user:secret@host`) reach the model as Basic auth, in
 * compare and in the proxy alike, and are never printed: they went nowhere (the model got no
 * authorization) and showed in the clear in compare's report and the proxy's first line.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { startProxy } from '../../src/traffic/index.js'
import { root, runBin, runInProcess } from '../helpers/run-cli.js'

const contractFile = 'contracts/transaction-classifier.contract.yaml'
const contract = await loadContract(join(root, contractFile))
const basic = `Basic ${Buffer.from('ci:s3cr3t-pass').toString('base64')}`

/** A model that answers 404 to everything and keeps the authorization each request carried. */
const seen: (string | undefined)[] = []
const model: Server = createServer((req, res) => {
  seen.push(req.headers.authorization)
  req.resume()
  req.on('end', () => res.writeHead(404, { 'content-length': '0' }).end())
})
await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve))
const port = (model.address() as AddressInfo).port
const withCredentials = `http://ci:s3cr3t-pass@127.0.0.1:${port}`
afterAll(() => new Promise<void>((resolve) => model.close(() => resolve())))

it('compare sends the credentials as Basic auth and shows the URL with the password masked', async () => {
  seen.length = 0
  const run = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    withCredentials,
    '--candidate',
    withCredentials,
    '--cases',
    '2',
  ])
  expect(run.code).toBe(2)
  expect(run.stdout + run.stderr).not.toContain('s3cr3t')
  expect(run.stderr).toContain(`--baseline http://ci:***@127.0.0.1:${port}/ answered 404`)
  expect(seen.length).toBeGreaterThan(0)
  expect(seen.every((a) => a === basic)).toBe(true)
})

it('the proxy forwards the credentials as Basic auth when the client sends none, and keeps its own', async () => {
  seen.length = 0
  const proxy = await startProxy(contract, { target: withCredentials, port: 0 })
  try {
    await (await fetch(`${proxy.url}/predict`, { method: 'POST', body: '{}' })).text()
    await (
      await fetch(`${proxy.url}/predict`, {
        method: 'POST',
        headers: { authorization: 'Bearer the-clients-own' },
        body: '{}',
      })
    ).text()
  } finally {
    await proxy.close()
  }
  expect(seen).toEqual([basic, 'Bearer the-clients-own'])
})

it("the proxy's first line shows the target with the password masked", async () => {
  const child = runBin(['proxy', contractFile, '--target', withCredentials, '--port', '0'], {
    timeoutMs: 4000,
  })
  const run = await child
  expect(run.stdout).toContain(`-> http://ci:***@127.0.0.1:${port}/`)
  expect(run.stdout + run.stderr).not.toContain('s3cr3t')
})

it('a target that is no URL is refused with what stands before its @ masked, by proxy and compare', async () => {
  const proxy = await runInProcess(['proxy', contractFile, '--target', 'ci:s3cr3t@host:80'])
  expect(proxy).toMatchObject({ code: 2 })
  expect(proxy.stderr).toBe(
    "standin proxy: --target must be the model's http:// or https:// URL, not '***@host:80'.\n",
  )
  const compare = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    'ci:s3cr3t@host:80',
    '--candidate',
    'mock',
  ])
  expect(compare).toMatchObject({ code: 2 })
  expect(compare.stderr).toBe(
    "standin compare: --baseline must be an http(s) URL or a recording file that exists, not '***@host:80'.\n",
  )
})
