/**
 * No command writes over a file it reads: `verify c.yaml -r json:c.yaml` wrote its report over
 * the contract, `summary t.jsonl --out t.jsonl` its summary over the recording, `export openapi
 * c.yaml --out c.yaml` the document over the contract, and a report could land on a schema the
 * contract $refs. Each is refused before anything is written, and the file is left as it was.
 */
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { root, runInProcess } from '../helpers/run-cli.js'
import { writeSyntheticRecording } from '../traffic/synthetic-recording.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-output-guard-'))
const contract = join(dir, 'classifier.contract.yaml')
const recording = join(dir, 'traffic.jsonl')

beforeAll(async () => {
  copyFileSync(join(root, 'contracts/transaction-classifier.contract.yaml'), contract)
  await writeSyntheticRecording(recording, 5)
  writeFileSync(
    join(dir, 'iris.json'),
    JSON.stringify({
      name: 'iris',
      platform: 'sklearn',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [{ name: 'y', datatype: 'INT64', shape: [-1] }],
    }),
  )
})

/** Runs standin in `dir`, and checks that `file` was left as it was. */
async function untouched(file: string, argv: string[]) {
  const before = readFileSync(file, 'utf8')
  const run = await runInProcess(argv, dir)
  expect(readFileSync(file, 'utf8')).toBe(before)
  return run
}

it.each([
  {
    what: "verify's report over its contract",
    file: () => contract,
    argv: [
      'verify',
      'classifier.contract.yaml',
      '-t',
      'mock',
      '-n',
      '2',
      '-r',
      'json:classifier.contract.yaml',
    ],
    line: 'standin verify: --reporter json:classifier.contract.yaml would write over',
  },
  {
    what: "summary's --out over its recording",
    file: () => recording,
    argv: ['summary', 'traffic.jsonl', '--out', './traffic.jsonl'],
    line: 'standin summary: --out ./traffic.jsonl would write over',
  },
  {
    what: "summary's report over its recording",
    file: () => recording,
    argv: ['summary', 'traffic.jsonl', '-r', 'html:traffic.jsonl'],
    line: 'standin summary: --reporter html:traffic.jsonl would write over',
  },
  {
    what: "drift's report over its live recording",
    file: () => recording,
    argv: [
      'drift',
      'classifier.contract.yaml',
      '--reference',
      'traffic.jsonl',
      '--live',
      'traffic.jsonl',
      '-r',
      'junit:traffic.jsonl',
    ],
    line: 'standin drift: --reporter junit:traffic.jsonl would write over',
  },
  {
    what: "compare's report over its baseline",
    file: () => recording,
    argv: [
      'compare',
      'classifier.contract.yaml',
      '--baseline',
      'traffic.jsonl',
      '--candidate',
      'traffic.jsonl',
      '-r',
      'json:traffic.jsonl',
    ],
    line: 'standin compare: --reporter json:traffic.jsonl would write over',
  },
  {
    what: "import's contract over the metadata it imports",
    file: () => join(dir, 'iris.json'),
    argv: ['import', 'kserve-v2', 'iris.json', '--out', 'iris.json'],
    line: 'standin import: --out iris.json would write over',
  },
  {
    what: "export's document over its contract",
    file: () => contract,
    argv: ['export', 'openapi', 'classifier.contract.yaml', '--out', 'classifier.contract.yaml'],
    line: 'standin export: --out classifier.contract.yaml would write over',
  },
])('refuses $what, and leaves the file as it was', async ({ file, argv, line }) => {
  const run = await untouched(file(), argv)
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr).toMatch(
    new RegExp(
      `^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .+, which this command reads\\. Write it to another file\\.\\n$`,
    ),
  )
})

it('knows a file by what it is, not how it is spelled: a hard link, a $ref, --out and a report on one file', async () => {
  const linked = join(dir, 'linked.contract.yaml')
  linkSync(contract, linked)
  expect(
    (
      await untouched(contract, [
        'verify',
        'classifier.contract.yaml',
        '-t',
        'mock',
        '-r',
        'json:linked.contract.yaml',
      ])
    ).code,
  ).toBe(2)
  // A schema the contract $refs is read too.
  mkdirSync(join(dir, 'refs'))
  writeFileSync(
    join(dir, 'refs', 'out.json'),
    JSON.stringify({ type: 'object', properties: { y: { const: 1 } } }),
  )
  writeFileSync(
    join(dir, 'refs', 'r.contract.yaml'),
    'contract: 1\nname: r\nversion: 1.0.0\nprotocol: json\nendpoint: { method: POST, path: /p }\ninput: { type: object }\noutput: { $ref: ./out.json }\n',
  )
  const ref = await untouched(join(dir, 'refs', 'out.json'), [
    'verify',
    'refs/r.contract.yaml',
    '-t',
    'mock',
    '-r',
    'json:refs/out.json',
  ])
  expect(ref.stderr).toMatch(
    /^standin verify: --reporter json:refs\/out\.json would write over .+out\.json, which this command reads/,
  )
  // Two outputs of one command on one file.
  const both = await runInProcess(
    ['summary', 'traffic.jsonl', '--out', 's.json', '-r', 'json:s.json'],
    dir,
  )
  expect(both.stderr).toBe(
    'standin summary: --out s.json and --reporter json:s.json would write the same file, the second over the first. Give each its own file.\n',
  )
})
