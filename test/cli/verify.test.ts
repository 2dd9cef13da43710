import { spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { root, runInProcess } from '../helpers/run-cli.js'
import { transactionBrain } from '../models/brains.js'
import { startModel } from '../models/serve-model.js'
import type { RunningModel } from '../models/serve-model.js'

const contracts = [
  'contracts/transaction-classifier.contract.yaml',
  'contracts/ticket-router.contract.yaml',
  'contracts/fuel-consumption.contract.yaml',
  'contracts/news-signals.contract.yaml',
]

let good: RunningModel
let lax: RunningModel
beforeAll(async () => {
  good = await startModel(transactionBrain, 'good')
  lax = await startModel(transactionBrain, 'accepts-invalid')
})
afterAll(async () => {
  await good.close()
  await lax.close()
})

for (const contract of contracts) {
  it(`passes ${contract} against the in-process stand-in`, async () => {
    const run = await runInProcess(['verify', contract, '--target', 'mock', '--cases', '30'])
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^passed: /m)
    expect(run.stdout).toMatch(/ {2}SKIP {2}examples +skipped: the stand-in is not the model/)
    expect(run.code).toBe(0)
  }, 30_000)
}

it('exits 1 with the failing case, its seed and the replay command when a check fails', async () => {
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    lax.url,
    '--cases',
    '10',
    '--seed',
    '3',
  ])
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('  FAIL  rejection ')
  expect(run.stdout).toMatch(
    /case negative:missing-required:\/request_id \(seed 3\): accepted an invalid input/,
  )
  expect(run.stdout).toContain(
    `replay: standin verify ${contracts[0]} --target ${lax.url}/ --seed 3 --cases 10 --replay negative:missing-required:/request_id`,
  )
})

it('replays one case by its id and judges only that case', async () => {
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    lax.url,
    '--cases',
    '10',
    '--seed',
    '3',
    '--replay',
    'negative:missing-required:/request_id',
  ])
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(', replaying negative:missing-required:/request_id')
  expect(run.stdout).toMatch(/\(seed 3, 1 request,/)
})

it('writes json, junit and html reports in one run next to the console', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-verify-'))
  const run = await runInProcess(
    [
      'verify',
      join(root, contracts[0] ?? ''),
      '--target',
      good.url,
      '--cases',
      '10',
      '--reporter',
      'console',
      '--reporter',
      'json:out.json',
      '--reporter',
      'junit:junit.xml',
      '--reporter',
      'html:report.html',
    ],
    dir,
  )
  expect(run.code).toBe(0)
  const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
    verdict: string
    seed: number
  }
  expect({ verdict: json.verdict, seed: json.seed }).toEqual({ verdict: 'passed', seed: 1 })
  const xsd = join(root, 'test/fixtures/junit/junit-10.xsd')
  const lint = spawnSync('xmllint', ['--noout', '--schema', xsd, join(dir, 'junit.xml')], {
    encoding: 'utf8',
  })
  expect(lint.status).toBe(0)
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(
    '<testsuites name="standin verify transaction-classifier@1.2.0"',
  )
  expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(
    '<div class="verdict passed">PASSED</div>',
  )
}, 30_000)

it('exits 2 with one line, before any traffic, when the target is unreachable', async () => {
  const run = await runInProcess(['verify', contracts[0] ?? '', '--target', 'http://127.0.0.1:9'])
  expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({
    code: 2,
    stderr:
      'http://127.0.0.1:9/: could not connect: connection refused (ECONNREFUSED): is the model running on that port? Start the model there or fix --target.\n',
    stdout: '',
  })
})

it('exits 2 when the target speaks another protocol, after one request', async () => {
  const run = await runInProcess([
    'verify',
    'contracts/ticket-router.contract.yaml',
    '--target',
    good.url,
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${good.url}/: POST /v2/models/ticket-router/infer answered 404, so the target does not serve the kserve-v2 protocol for "ticket-router". Check --target and the contract's protocol.\n`,
  )
})

it('the replay command of a case that exists only with --force-quality carries the flag, and replays it', async () => {
  // The stand-in's outputs are random: forced, its invariance pairs fail, and their cases exist
  // only in a plan that judges quality.
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    'mock',
    '--cases',
    '5',
    '--force-quality',
  ])
  expect(run.code).toBe(1)
  const replay = /replay: standin (verify .* --replay invariance:\S+)$/m.exec(run.stdout)?.[1]
  expect(replay).toMatch(/ --cases 5 --force-quality --replay invariance:/)
  const again = await runInProcess(replay?.split(' ') ?? [])
  expect(again.stderr).toBe('')
  expect(again.stdout).toContain(`, replaying ${replay?.split(' ').at(-1) ?? ''}`)
})

it('exits 2 for a replay id that does not exist', async () => {
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    'mock',
    '--cases',
    '5',
    '--replay',
    'generated:99',
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    '--replay: no case "generated:99" with seed 1 and 5 cases. Use an id a report printed (for example example:grocery-card-payment) with the same --seed and --cases (and --cases-from and --force-quality when the run had them): the replay line a report prints has them all.\n',
  )
})

it('exits 2 for a report path that cannot be written, before any traffic', async () => {
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    'http://127.0.0.1:9',
    '--reporter',
    'junit:/nonexistent-dir/junit.xml',
  ])
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: 2,
    stderr:
      '--reporter junit:/nonexistent-dir/junit.xml: the folder /nonexistent-dir does not exist. Create it or write elsewhere.\n',
  })
})

it('exits 2 for an unknown reporter, a missing target and a bad number', async () => {
  const a = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    'mock',
    '--reporter',
    'xml:x',
  ])
  const b = await runInProcess(['verify', contracts[0] ?? ''])
  const c = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    'mock',
    '--cases',
    'many',
  ])
  const d = await runInProcess(['verify', contracts[0] ?? '', '--target', 'ftp://x'])
  expect([a.stderr, b.stderr, c.stderr, d.stderr]).toEqual([
    "--reporter xml:x: unknown reporter 'xml'. Use one of console, json:FILE, junit:FILE, html:FILE.\n",
    "standin verify: --target is required: the model's base URL, or 'mock'.\n",
    "standin verify: --cases must be an integer of at least 0, not 'many'.\n",
    "--target 'ftp://x' is neither an http(s) URL nor 'mock'. Pass the model's base URL, for example http://127.0.0.1:8080, or 'mock'.\n",
  ])
  expect([a.code, b.code, c.code, d.code]).toEqual([2, 2, 2, 2])
})

it('tells a target without its scheme to add http://, and never prints what stands before an @', async () => {
  const given = async (target: string): Promise<string> =>
    (await runInProcess(['verify', contracts[0] ?? '', '--target', target])).stderr
  expect(await given('localhost:8080')).toBe(
    "--target 'localhost:8080' is neither an http(s) URL nor 'mock'. Did you mean http://localhost:8080? Pass the model's base URL, for example http://127.0.0.1:8080, or 'mock'.\n",
  )
  expect(await given('ci:s3cr3t@host:8080')).toBe(
    "--target '***@host:8080' is neither an http(s) URL nor 'mock'. Pass the model's base URL, for example http://127.0.0.1:8080, or 'mock'.\n",
  )
  expect(await given('ftp://ci:s3cr3t@host/')).not.toContain('s3cr3t')
})

it('exits 2 when a check names a path the schemas do not have', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-verify-'))
  const text = readFileSync(join(root, contracts[0] ?? ''), 'utf8').replace(
    'perturb: { path: /narration, op: lowercase }',
    'perturb: { path: /narative, op: lowercase }',
  )
  writeFileSync(join(dir, 'bad.contract.yaml'), text)
  const run = await runInProcess(['verify', 'bad.contract.yaml', '--target', 'mock'], dir)
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(
    /^bad\.contract\.yaml(:\d+:\d+)?#\/checks\/invariance\/0\/perturb\/path: .*narative/,
  )
  expect(run.stdout).toBe('')
})

it('exits 2 for --load when the contract promises no load, before any traffic', async () => {
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    'http://127.0.0.1:9',
    '--load',
  ])
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: 2,
    stderr: `${contracts[0]}#/checks: --load needs checks.load (rpm and duration) in the contract. Add one.\n`,
  })
})

it('runs the load check at the rate and for the time given on the command line', async () => {
  const run = await runInProcess([
    'verify',
    contracts[0] ?? '',
    '--target',
    good.url,
    '--cases',
    '5',
    '--load-rpm',
    '600',
    '--load-duration',
    '1s',
  ])
  expect(run.stdout).toMatch(
    / {2}PASS {2}load +10 requests at 600 rpm for \d\.\d s: achieved \d+(\.\d)? rpm, /,
  )
  expect(run.code).toBe(0)
}, 20_000)

it("lists every reporter in --reporter's help (written out so serve need not load report)", async () => {
  const { reporters } = await import('../../src/report/index.js')
  const { verifyCommand } = await import('../../src/cli/commands/verify.js')
  const listed = verifyCommand.flags.reporter?.description.split(' | ') ?? []
  expect(listed).toEqual(
    Object.values(reporters).map((r) => (r.file === 'none' ? r.name : `${r.name}:FILE`)),
  )
})

it('verifies a folder of contracts, one after another, and writes json:- to standard output', async () => {
  const run = await runInProcess([
    'verify',
    'contracts',
    '--target',
    'mock',
    '--cases',
    '5',
    '--reporter',
    'json:-',
  ])
  expect(run.code).toBe(0)
  // One JSON report per contract on standard output, nothing else.
  const reports = run.stdout
    .split(/\n(?=\{)/)
    .map((text) => JSON.parse(text) as { contract: { name: string }; verdict: string })
  expect(reports.map((r) => [r.contract.name, r.verdict])).toEqual([
    ['fuel-consumption', 'passed'],
    ['news-signals', 'passed'],
    ['support-email-extractor', 'passed'],
    ['ticket-router', 'passed'],
    ['transaction-classifier', 'passed'],
  ])
  const both = await runInProcess([
    'verify',
    'contracts',
    '-t',
    'mock',
    '-r',
    'console',
    '-r',
    'json:-',
  ])
  expect(both).toEqual({
    code: 2,
    stdout: '',
    stderr:
      '--reporter: console and json:- would all print to standard output. Keep one; write the others to files.\n',
  })
})

it('refuses two reporters on one file before any traffic, where the second wrote over the first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-one-file-'))
  mkdirSync(join(dir, 'out'))
  const run = await runInProcess(
    [
      'verify',
      join(root, 'contracts/transaction-classifier.contract.yaml'),
      '-t',
      'mock',
      '-r',
      'json:out/r.json',
      '-r',
      'html:./out/../out/r.json',
    ],
    dir,
  )
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      '--reporter: json:out/r.json and html:./out/../out/r.json would write the same file, the second over the first. Give each report its own file.\n',
  })
})

it('stops after --max-failures failed checks, naming the contracts not verified', async () => {
  const run = await runInProcess([
    'verify',
    'contracts/transaction-classifier.contract.yaml',
    'contracts/ticket-router.contract.yaml',
    '--target',
    lax.url,
    '--cases',
    '5',
    '--max-failures',
    '1',
  ])
  expect(run.code).toBe(1)
  expect(run.stderr).toMatch(
    /^standin verify: stopped after \d+ failed checks? \(--max-failures 1\); not verified: ticket-router@[0-9.]+\.\n$/,
  )
})

it('waits for the target with --wait-for, and gives up with exit 2 when it never answers', async () => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  const none = await runInProcess([
    'verify',
    'contracts/transaction-classifier.contract.yaml',
    '--target',
    `http://127.0.0.1:${port}`,
    '--wait-for',
    '500ms',
  ])
  expect(none).toEqual({
    code: 2,
    stdout: '',
    stderr: `http://127.0.0.1:${port}/ gave no answer within 0.5s (--wait-for); last: GET /: an answer: connection refused (ECONNREFUSED): is the model running on that port? Start the model, or wait longer.\n`,
  })
  // The model comes up a moment after verify starts polling.
  const late = setTimeout(() => {
    const server = createServer((req, res) => {
      res.writeHead(503).end()
    })
    server.listen(port, '127.0.0.1')
    setTimeout(() => server.close(), 1000)
  }, 400)
  const waited = await runInProcess([
    'verify',
    'contracts/transaction-classifier.contract.yaml',
    '--target',
    `http://127.0.0.1:${port}`,
    '--wait-for',
    '20s',
    '--cases',
    '1',
    '--timeout',
    '200ms',
  ])
  clearTimeout(late)
  // It polled until the late server answered, then ran (and failed) the tests against it.
  expect(waited.stderr).not.toContain('gave no answer')
  expect(waited.stdout).toContain('standin verify transaction-classifier@1.2.0')
})
