/**
 * Interop with Prism (@stoplight/prism-cli, run as its own process on an ephemeral loopback
 * port): Prism mocks the document `standin export openapi` wrote for each bundled contract on the
 * json protocol, and `standin verify` against Prism's mock passes conformance (Prism's generated
 * answers fit the output schema) and rejection (Prism refuses what the input schema refuses).
 * Prism knows nothing of the contract's examples or behaviour, so only those two are judged.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, expect, it } from 'vitest'
import { root, runBin } from '../helpers/run-cli.js'
import { startProcess } from '../helpers/start-bin.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-prism-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const prism = join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')
const jsonContracts = readdirSync(join(root, 'contracts'))
  .filter((f) => f.endsWith('.contract.yaml'))
  .filter(
    (f) =>
      (parse(readFileSync(join(root, 'contracts', f), 'utf8')) as { protocol?: string })
        .protocol === 'json',
  )

it('bundles at least one contract on the json protocol', () => {
  expect(jsonContracts.length).toBeGreaterThan(0)
})

it.each(jsonContracts)(
  'Prism mocks the exported document of %s and standin verify passes conformance and rejection against it',
  async (name) => {
    const contract = join('contracts', name)
    const document = join(dir, `${name}.openapi.json`)
    const exported = await runBin(['export', 'openapi', contract, '--out', document])
    expect(exported.stdout).toBe(`Wrote ${document}: OpenAPI 3.1 for 1 contract.\n`)
    expect(exported.code).toBe(0)
    // --dynamic: answers generated from the response schema (the exported examples are partial),
    // seeded so every run sends the same answers.
    const mock = await startProcess(
      process.execPath,
      [prism, 'mock', document, '--host', '127.0.0.1', '--port', '0', '--dynamic', '--seed', '1'],
      /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/,
      { timeoutMs: 60_000 },
    )
    try {
      const report = join(dir, `${name}.report.json`)
      const run = await runBin(
        [
          'verify',
          contract,
          '--target',
          mock.match[1] ?? '',
          '--cases',
          '30',
          '--reporter',
          `json:${report}`,
        ],
        { timeoutMs: 90_000 },
      )
      // Exit 1: the examples and behaviour checks fail against random answers, as they should.
      expect(run.code).toBe(1)
      const checks = (
        JSON.parse(readFileSync(report, 'utf8')) as {
          checks: { kind: string; status: string; summary?: string }[]
        }
      ).checks
      const status = (kind: string) => checks.find((c) => c.kind === kind)?.status
      expect({ conformance: status('conformance'), rejection: status('rejection') }).toEqual({
        conformance: 'passed',
        rejection: 'passed',
      })
    } finally {
      await mock.stop()
    }
  },
  180_000,
)
