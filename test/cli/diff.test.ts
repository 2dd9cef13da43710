import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { runInProcess } from '../helpers/run-cli.js'

const d = 'test/fixtures/contracts/diff'

it('exits 1 on breaking changes without a major bump, and names each change', async () => {
  const run = await runInProcess([
    'diff',
    `${d}/v1.contract.yaml`,
    `${d}/v1.3-breaking.contract.yaml`,
  ])
  expect(run.code).toBe(1)
  expect(run.stdout).toBe(
    [
      'txn 1.2.0 -> 1.3.0',
      '  breaking    /input/properties/currency/enum: input: value "SEK" removed (some inputs that were valid are now rejected)',
      '  breaking    /input/required: input: "mcc" is now required (some inputs that were valid are now rejected)',
      '  breaking    /output/properties/category/enum: output: new value "travel" (consumers may receive values they were promised they would not)',
      '  breaking    /output/properties/model_version: output: the field "model_version" was removed (consumers that read it break)',
      '  compatible  /output/properties/scores/properties/travel: output: new required field "travel"',
      '  compatible  /output/properties/scores/required: output: "travel" is now required',
      '  breaking    /checks/latency/p99: the p99 latency promise was loosened from 400ms to 600ms',
      '  patch       /examples: the examples changed',
      '5 breaking, 2 compatible, 1 patch-level changes need a major bump: use 2.0.0, not 1.3.0.',
      '',
    ].join('\n'),
  )
})

it('exits 0 when a minor bump covers compatible changes', async () => {
  const run = await runInProcess([
    'diff',
    `${d}/v1.contract.yaml`,
    `${d}/v1.3-compatible.contract.yaml`,
  ])
  expect(run).toEqual({
    code: 0,
    stdout: [
      'txn 1.2.0 -> 1.3.0',
      '  compatible  /input/properties/country: input: new optional field "country"',
      '  compatible  /output/properties/explanation: output: new optional field "explanation"',
      '  compatible  /checks/latency/p50: the p50 latency promise tightened from 50ms to 40ms',
      '3 compatible changes: 1.3.0 is a minor bump, which covers them.',
      '',
    ].join('\n'),
    stderr: '',
  })
})

it('treats removing fields as breaking when the version goes down', async () => {
  const run = await runInProcess([
    'diff',
    `${d}/v1.3-compatible.contract.yaml`,
    `${d}/v1.contract.yaml`,
  ])
  expect(run).toEqual({
    code: 1,
    stdout: [
      'txn 1.3.0 -> 1.2.0',
      '  breaking    /input/properties/country: input: the field "country" was removed (inputs that still send it are now rejected)',
      '  breaking    /output/properties/explanation: output: the field "explanation" was removed (consumers that read it break)',
      '  breaking    /checks/latency/p50: the p50 latency promise was loosened from 40ms to 50ms',
      '3 breaking changes need a major bump: use 2.0.0, not 1.2.0.',
      '',
    ].join('\n'),
    stderr: '',
  })
})

it('says one change in the singular, bump covered or not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-diff-one-'))
  try {
    const text = readFileSync(`${d}/v1.contract.yaml`, 'utf8')
    const narrower = text.replace(/^(\s+maximum: )\d+$/m, '$1' + '50000')
    expect(narrower).not.toBe(text)
    writeFileSync(join(dir, 'same.contract.yaml'), narrower)
    writeFileSync(
      join(dir, 'major.contract.yaml'),
      narrower.replace(/^version: .*$/m, 'version: 2.0.0'),
    )
    const same = await runInProcess([
      'diff',
      `${d}/v1.contract.yaml`,
      join(dir, 'same.contract.yaml'),
    ])
    expect(same.stdout.split('\n').at(-2)).toBe(
      '1 breaking change needs a major bump: use 2.0.0, not 1.2.0.',
    )
    const major = await runInProcess([
      'diff',
      `${d}/v1.contract.yaml`,
      join(dir, 'major.contract.yaml'),
    ])
    expect(major.stdout.split('\n').at(-2)).toBe(
      '1 breaking change: 2.0.0 is a major bump, which covers it.',
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('says so when nothing changed', async () => {
  const run = await runInProcess(['diff', `${d}/v1.contract.yaml`, `${d}/v1.contract.yaml`])
  expect(run).toEqual({ code: 0, stdout: 'txn 1.2.0 -> 1.2.0\nNo changes.\n', stderr: '' })
})

it('prints the diff as JSON with --format json', async () => {
  const run = await runInProcess([
    'diff',
    `${d}/v1.contract.yaml`,
    `${d}/v1.3-compatible.contract.yaml`,
    '--format',
    'json',
  ])
  expect(run.code).toBe(0)
  expect(JSON.parse(run.stdout)).toMatchObject({
    name: 'txn',
    from: '1.2.0',
    to: '1.3.0',
    required: 'minor',
    actual: 'minor',
    ok: true,
    suggested: '1.3.0',
  })
})

it('exits 2 when a contract does not load, and when not given two', async () => {
  const bad = await runInProcess(['diff', `${d}/v1.contract.yaml`, 'missing.contract.yaml'])
  expect(bad).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'missing.contract.yaml#: file not found. Check the path (contracts are usually contracts/<name>.contract.yaml).\n',
  })
  const one = await runInProcess(['diff', `${d}/v1.contract.yaml`])
  expect(one).toEqual({
    code: 2,
    stdout: '',
    stderr: "standin diff: missing <new>. Run 'standin diff --help' for usage.\n",
  })
})

it('reports both contracts when neither loads, the old one first, whichever fails first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-diff-both-'))
  try {
    // The old one fails late (it is read and parsed), the new one at once (no such file).
    const old = join(dir, 'old.contract.yaml')
    writeFileSync(old, 'contract: 1\nname: [unclosed\n')
    const run = await runInProcess(['diff', old, join(dir, 'missing.contract.yaml')])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^.*old\.contract\.yaml/)
    expect(lines.at(-1)).toMatch(/missing\.contract\.yaml#: file not found\./)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('keeps pre-release versions (semver): a release candidate and its release', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-semver-'))
  try {
    const v1 = readFileSync(`${d}/v1.contract.yaml`, 'utf8')
    const write = (name: string, version: string, text = v1): string => {
      const file = join(dir, name)
      writeFileSync(file, text.replace(/^version: .*$/m, `version: ${version}`))
      return file
    }
    const breaking = readFileSync(`${d}/v1.3-breaking.contract.yaml`, 'utf8')
    // 1.2.0 -> 2.0.0-rc.1 is a major bump: it covers breaking changes, and stays a pre-release.
    const rc = await runInProcess([
      'diff',
      write('a.yaml', '1.2.0'),
      write('b.yaml', '2.0.0-rc.1', breaking),
      '--format',
      'json',
    ])
    expect(rc.code).toBe(0)
    expect(JSON.parse(rc.stdout)).toMatchObject({
      from: '1.2.0',
      to: '2.0.0-rc.1',
      actual: 'major',
      ok: true,
    })
    // Too small a pre-release bump gets a pre-release suggestion.
    const small = await runInProcess([
      'diff',
      write('c.yaml', '1.2.0'),
      write('d.yaml', '1.3.0-rc.1', breaking),
      '--format',
      'json',
    ])
    expect(small.code).toBe(1)
    expect(JSON.parse(small.stdout)).toMatchObject({
      actual: 'minor',
      required: 'major',
      suggested: '2.0.0-rc.0',
    })
    // The release of a candidate: 2.0.0-rc.1 -> 2.0.0, with a patch-level change.
    const release = await runInProcess([
      'diff',
      write('e.yaml', '2.0.0-rc.1'),
      write('f.yaml', '2.0.0', v1.replace(/^description: .*$/m, 'description: changed')),
    ])
    expect(release.stdout).toMatch(/2\.0\.0-rc\.1 -> 2\.0\.0\n/)
    expect(release.code).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
