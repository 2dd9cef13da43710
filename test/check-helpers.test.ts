/**
 * `scripts/check-helpers.mjs` (part of `npm run lint`) holds src/ to one copy of each helper:
 * it passes on src/ as it stands, and fails, naming both places, on a planted copy and on a
 * pointer token escaped by hand.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const script = join(import.meta.dirname, '..', 'scripts', 'check-helpers.mjs')
const run = (dir?: string) =>
  spawnSync(process.execPath, dir ? [script, dir] : [script], { encoding: 'utf8' })

const helper = (name: string) => `
/** Keeps the words that start with a capital letter. */
export function ${name}(words: readonly string[]): string[] {
  const out: string[] = []
  for (const word of words) if (/^[A-Z]/.test(word)) out.push(word)
  return out
}
`

const dirs: string[] = []
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-helpers-'))
  dirs.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('check-helpers', () => {
  it('passes on src/ as it stands', () => {
    const result = run()
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('names both places of a helper written twice, under other names', () => {
    const dir = tree({ 'a/one.ts': helper('capitals'), 'b/two.ts': helper('titleWords') })
    const result = run(dir)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(
      /the same function 2 times: .*one\.ts:3.*two\.ts:3|two\.ts:3.*one\.ts:3/,
    )
  })

  it('passes two helpers that differ', () => {
    const other = helper('lowers').replace('[A-Z]', '[a-z]')
    const dir = tree({ 'a/one.ts': helper('capitals'), 'b/two.ts': other })
    expect(run(dir).status).toBe(0)
  })

  it('finds a pointer token escaped by hand outside json/json-pointer.ts', () => {
    const dir = tree({
      'a/at.ts':
        "export const at = (k: string) => `/${k.replace(/~/g, '~0').replace(/\\//g, '~1')}`\n",
      'json/json-pointer.ts': "export const esc = (k: string) => k.replace(/~/g, '~0')\n",
    })
    const result = run(dir)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('at.ts:1: a JSON pointer token escaped or unescaped by hand')
    expect(result.stderr).not.toContain('json-pointer.ts:1')
  })
})
