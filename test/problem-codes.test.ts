/**
 * The catalog of problem codes (src/problem-codes.ts) against the source and the README: every
 * code the source emits is in the catalog, every code in the catalog is emitted somewhere, and
 * the README's table is the catalog, row for row.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { PROBLEM_CODES, isProblemCode } from '../src/index.js'
import type { ProblemCode } from '../src/index.js'

const root = join(import.meta.dirname, '..')

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return path.endsWith('.ts') && !path.endsWith('problem-codes.ts')
      ? [{ file: path, text: readFileSync(path, 'utf8') }]
      : []
  })
}

const source = sources(join(root, 'src'))
const all = source.map((s) => s.text).join('\n')
const families = [...new Set(Object.keys(PROBLEM_CODES).map((code) => code.split('.')[0]))]

/** `'family.name'` literals of a catalog family: file names and flag defaults left out. */
function emittedLiterals(): string[] {
  const literal = new RegExp(`'((?:${families.join('|')})\\.[a-zA-Z][a-zA-Z-]*)'`, 'g')
  return [...all.matchAll(literal)]
    .map((m) => m[1] as string)
    .filter((code) => !/\.(yaml|json|html|xml|ts|js|cjs)$/.test(code))
}

/**
 * Codes built from a family and a name (`schema.${keyword}`, `request.${type}`, `verify.${kind}`):
 * emitted when the name is a literal in the module that builds them.
 */
function emittedByFamily(code: ProblemCode): boolean {
  const [family, name] = code.split('.') as [string, string]
  const builders = source.filter((s) => s.text.includes(`\`${family}.\${`))
  if (family === 'schema') return builders.some((s) => s.text.includes('schemaCode('))
  return builders.some((s) => s.text.includes(`'${name}'`))
}

it('lists every code the source emits', () => {
  const unknown = emittedLiterals().filter((code) => !isProblemCode(code))
  expect(unknown).toEqual([])
})

it('emits every code it lists', () => {
  const emitted = new Set(emittedLiterals())
  const unused = (Object.keys(PROBLEM_CODES) as ProblemCode[]).filter(
    (code) => !emitted.has(code) && !emittedByFamily(code),
  )
  expect(unused).toEqual([])
})

it('gives every code one line of meaning', () => {
  for (const [code, meaning] of Object.entries(PROBLEM_CODES)) {
    expect(meaning, code).toMatch(/^[^\n]{10,200}$/)
    expect(meaning, code).not.toMatch(/\.$/)
  }
})

it("is the README's table of problem codes, row for row", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const rows = Object.entries(PROBLEM_CODES).map(
    ([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`,
  )
  const table = ['| code | meaning |', '| --- | --- |', ...rows].join('\n')
  expect(readme).toContain(table)
})
