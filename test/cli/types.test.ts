import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { loadContracts } from '../../src/contract/index.js'
import { generateTypes } from '../../src/types/index.js'
import { root, runBin, runInProcess } from '../helpers/run-cli.js'

it('writes contracts.ts into --out and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-types-'))
  try {
    const run = await runInProcess(['types', 'contracts/', '--out', dir])
    expect(run).toEqual({
      code: 0,
      stdout: `Wrote ${join(dir, 'contracts.ts')}: types for 5 contracts.\n`,
      stderr: '',
    })
    const expected = await generateTypes(await loadContracts(['contracts/'], { cwd: root }))
    expect(readFileSync(join(dir, 'contracts.ts'), 'utf8')).toBe(expected)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('writes a .ts file --out names as that file (and over it on the next run), where it made a folder of that name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-types-'))
  try {
    const file = join(dir, 'model-types.ts')
    const expected = await generateTypes(await loadContracts(['contracts/'], { cwd: root }))
    for (const round of [1, 2]) {
      const run = await runInProcess(['types', 'contracts/', '--out', file])
      expect({ round, ...run }).toEqual({
        round,
        code: 0,
        stdout: `Wrote ${file}: types for 5 contracts.\n`,
        stderr: '',
      })
      expect(readFileSync(file, 'utf8')).toBe(expected)
    }
    // A folder named like a file is still a folder; a file of another kind is still refused.
    const folder = join(dir, 'generated.ts')
    mkdirSync(folder)
    expect((await runInProcess(['types', 'contracts/', '--out', folder])).stdout).toBe(
      `Wrote ${join(folder, 'contracts.ts')}: types for 5 contracts.\n`,
    )
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    expect(
      (await runInProcess(['types', 'contracts/', '--out', join(dir, 'notes.txt')])).code,
    ).toBe(2)
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('writes the same bytes on every run, from a child process too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-types-'))
  try {
    const first = await runBin(['types', 'contracts', '--out', join(dir, 'a')])
    const second = await runBin([
      'types',
      'contracts/ticket-router.contract.yaml',
      'contracts',
      '--out',
      join(dir, 'b'),
    ])
    expect([first.code, second.code]).toEqual([0, 0])
    expect(readFileSync(join(dir, 'b', 'contracts.ts'), 'utf8')).toBe(
      readFileSync(join(dir, 'a', 'contracts.ts'), 'utf8'),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('prints the module with --out -', async () => {
  const run = await runInProcess([
    'types',
    'test/fixtures/contracts/good/minimal.contract.yaml',
    '--out',
    '-',
  ])
  expect(run.code).toBe(0)
  expect(run.stdout).toBe(
    readFileSync(join(root, 'test/fixtures/contracts/types/minimal.ts'), 'utf8'),
  )
})

it('requires --out', async () => {
  const run = await runInProcess(['types', 'contracts/'])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "standin types: --out <dir> is required (or --out - to print). Run 'standin types --help' for usage.\n",
  })
})

it('exits 2 with the problems of a contract that does not load', async () => {
  const run = await runInProcess([
    'types',
    'test/fixtures/contracts/bad/unknown-version.contract.yaml',
    '--out',
    '-',
  ])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'test/fixtures/contracts/bad/unknown-version.contract.yaml#/contract: unknown contract format 2. This standin reads format 1: write "contract: 1", or upgrade standin.\n',
  })
})
