/**
 * `standin serve`, `proxy` and `registry serve` say the same sentence when they cannot listen,
 * with what to do: the port taken (they said it three ways), an address this machine does not
 * have (serve printed node's `listen EADDRNOTAVAIL: address not available`), a name that does
 * not resolve, a port that needs privileges. Real servers on real ports.
 */
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { listenFailure } from '../src/listen-failure.js'
import { runBin } from './helpers/run-cli.js'

const contract = 'contracts/transaction-classifier.contract.yaml'

it('says a taken port the same way in serve, proxy and registry serve', async () => {
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  const port = (taken.address() as AddressInfo).port
  const line = `Port ${port} on 127.0.0.1 is in use. Stop the other server or pick another port with --port (0 picks a free one).`
  try {
    const data = join(mkdtempSync(join(tmpdir(), 'standin-listen-')), 'registry')
    const runs = await Promise.all([
      runBin(['serve', contract, '--port', String(port)]),
      runBin(['proxy', contract, '--target', 'http://127.0.0.1:9', '--port', String(port)]),
      runBin(['registry', 'serve', '--port', String(port), '--data', data]),
    ])
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([
      [2, `${line}\n`],
      [2, `standin proxy: ${line}\n`],
      [2, `standin registry: ${line}\n`],
    ])
  } finally {
    await new Promise((resolve) => taken.close(resolve))
  }
})

it('says an address this machine does not have is not one of its own', async () => {
  // 192.0.2.1 is TEST-NET-1 (RFC 5737): documentation only, never a machine's address.
  const run = await runBin(['serve', contract, '--host', '192.0.2.1', '--port', '0'])
  expect(run).toMatchObject({
    code: 2,
    stderr:
      "Cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL). Bind 127.0.0.1 (the default), 0.0.0.0 for every interface, or one of this machine's own addresses with --host.\n",
  })
})

it('says what each code means, and passes an unknown one through', () => {
  const failure = (code: string, message = code): Error =>
    Object.assign(new Error(message), { code })
  expect(listenFailure('my-box', 4010, failure('ENOTFOUND'))).toBe(
    'Cannot listen on my-box:4010: the host name my-box does not resolve (ENOTFOUND). Give --host an IP address, or a name this machine resolves such as localhost.',
  )
  expect(listenFailure('::1', 80, failure('EACCES'))).toBe(
    'Cannot listen on [::1]:80: this user may not bind port 80 (EACCES; ports below 1024 need privileges). Pick a port of 1024 or more with --port, or 0 for a free one.',
  )
  expect(
    listenFailure('127.0.0.1', 4010, failure('EMFILE', 'listen EMFILE: too many open files.')),
  ).toBe('Cannot listen on 127.0.0.1:4010: listen EMFILE: too many open files.')
})
