/**
 * The same seed gives the same values, release after release: users snapshot the stand-in's
 * answers. scripts/generator-fingerprint.ts draws 40 seeded values from each of ~780 schemas (the
 * JSON-Schema-Test-Suite groups, the huggingface.js task specs, the contracts, the bench schemas)
 * and compares each schema's hash with the one kept in test/fixtures/generator-fingerprints.tsv.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const kept = join(root, 'test/fixtures/generator-fingerprints.tsv')

async function check(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/generator-fingerprint.ts', '--check', file],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

it('draws the same values for the same seed as the kept fingerprints, and names a schema that moved', async () => {
  const lines = readFileSync(kept, 'utf8').split('\n').filter(Boolean)
  expect(lines.length).toBeGreaterThan(700)
  // One kept hash changed on purpose: the check must fail and name that schema.
  const [print, name] = (lines[1] ?? '').split('\t') as [string, string]
  const altered = join(mkdtempSync(join(tmpdir(), 'standin-fingerprint-')), 'altered.tsv')
  writeFileSync(
    altered,
    [
      lines[0],
      `${print === '0'.repeat(16) ? '1' : '0'.repeat(16)}\t${name}`,
      ...lines.slice(2),
    ].join('\n') + '\n',
  )
  const [good, bad] = await Promise.all([check(kept), check(altered)])
  expect(good.stderr).toBe('')
  expect(good.code).toBe(0)
  expect(good.stdout).toContain(`${lines.length} kept fingerprints compared, 0 moved`)
  expect(bad.code).toBe(1)
  expect(bad.stdout).toContain(`${lines.length} kept fingerprints compared, 1 moved`)
  expect(bad.stderr).toContain(
    `The same seed no longer gives the same values for 1 schema(s):\n  ${name}\n`,
  )
}, 180_000)
