/**
 * Packs standin as npm would publish it, unpacks the tarball into a throwaway project and
 * imports it by name there, from plain ESM JavaScript and from type-checked TypeScript. This is
 * what catches a missing `files` entry, a broken `exports` map or a type that is not emitted.
 * The throwaway project lives under the repository so the unpacked package resolves its
 * dependencies from the repository's node_modules, with no network install.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { root } from '../helpers/run-cli.js'

const project = join(root, '.tmp', 'pack-smoke')
const unpacked = join(project, 'node_modules', 'standin')

beforeAll(() => {
  rmSync(project, { recursive: true, force: true })
  mkdirSync(unpacked, { recursive: true })
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', project], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { filename: string }[]
  const tarball = join(project, packed[0]!.filename)
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'])
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'smoke', type: 'module', private: true }),
  )
}, 60_000)

afterAll(() => {
  if (!process.env.KEEP) rmSync(project, { recursive: true, force: true })
})

it('ships only the built code, the format schema, the README, LICENSE, notices and package.json', () => {
  const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as {
    bin: Record<string, string>
  }
  expect(pkg.bin['standin']).toBe('./dist/bin/standin.js')
  const listed = execFileSync('find', ['.', '-type', 'f'], { cwd: unpacked, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
  expect(
    listed.filter(
      (f) =>
        !f.startsWith('./dist/src/') &&
        !f.startsWith('./dist/bin/') &&
        !f.startsWith('./dist/cjs/') &&
        f !== './dist/browser/standin.js' &&
        f !== './dist/vendor/json-schema-to-typescript.cjs' &&
        f !== './dist/vendor/openapi-parser.cjs' &&
        ![
          './package.json',
          './README.md',
          './LICENSE',
          './dist/THIRD-PARTY-NOTICES.md',
          './contract.schema.json',
        ].includes(f),
    ),
  ).toEqual([])
  expect(listed.some((f) => f.includes('/test/'))).toBe(false)
  // The validators of standin's own schemas, precompiled by the build, for the library (the
  // bundled command has them inside cli.cjs): without them every start compiles them again.
  expect(listed).toContain('./dist/src/contract/format-validators.generated.cjs')
  expect(listed).toContain('./dist/bin/cli.cjs')
  // The OpenAPI parser of import/export openapi, bundled so installs do not gain its packages.
  expect(listed).toContain('./dist/vendor/openapi-parser.cjs')
})

it('runs the installed command: version, lint and a seeded sample', () => {
  const bin = join(unpacked, 'dist', 'bin', 'standin.js')
  const contract = join(root, 'contracts', 'transaction-classifier.contract.yaml')
  const run = (...args: string[]): string =>
    execFileSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8' })
  expect(run('--version').trim()).toBe(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
  )
  expect(run('lint', contract)).toContain('1 contract checked: no problems.')
  const sampled = JSON.parse(run('sample', contract, '--seed', '3')) as { category?: unknown }
  expect(typeof sampled.category).toBe('string')
  expect(run('sample', contract, '--seed', '3')).toBe(run('sample', contract, '--seed', '3'))
})

it('imports by package name from plain ESM and loads a bundled contract', () => {
  writeFileSync(
    join(project, 'smoke.mjs'),
    [
      "import { loadContract, StandinError } from 'standin'",
      "import { createRequire } from 'node:module'",
      `const contract = await loadContract(${JSON.stringify(join(root, 'contracts', 'transaction-classifier.contract.yaml'))})`,
      "const schema = createRequire(import.meta.url)('standin/contract.schema.json')",
      "const report = createRequire(import.meta.url)('standin/report.schema.json')",
      'console.log(JSON.stringify({ name: contract.name, protocol: contract.protocol, error: typeof StandinError, schema: typeof schema.properties, report: report.$id }))',
    ].join('\n'),
  )
  const out = execFileSync(process.execPath, ['smoke.mjs'], { cwd: project, encoding: 'utf8' })
  expect(JSON.parse(out)).toEqual({
    name: 'transaction-classifier',
    protocol: 'json',
    error: 'function',
    schema: 'object',
    report: 'https://standin.dev/schemas/report-1.schema.json',
  })
})

it('imports standin/browser, which holds no Node built-in, and answers from contract data', () => {
  const bundle = readFileSync(join(unpacked, 'dist', 'browser', 'standin.js'), 'utf8')
  expect(bundle).not.toMatch(/from\s*["']node:/)
  expect([...bundle.matchAll(/^import .* from ["']([^"']+)["']/gm)].map((m) => m[1])).toEqual([
    'msw',
  ])
  writeFileSync(
    join(project, 'browser-smoke.mjs'),
    [
      "import { readFileSync } from 'node:fs'",
      "import { parse } from 'yaml'",
      "import { loadContract, createMock } from 'standin/browser'",
      `const data = parse(readFileSync(${JSON.stringify(join(root, 'contracts', 'transaction-classifier.contract.yaml'))}, 'utf8'))`,
      'const contract = await loadContract(data)',
      'const mock = createMock(contract, { seed: 7, latency: 0 })',
      'const output = await mock.predict(contract.examples[0].input)',
      'console.log(JSON.stringify({ name: contract.name, category: typeof output.category }))',
    ].join('\n'),
  )
  const out = execFileSync(process.execPath, ['browser-smoke.mjs'], {
    cwd: project,
    encoding: 'utf8',
  })
  expect(JSON.parse(out)).toEqual({ name: 'transaction-classifier', category: 'string' })
})

it('type-checks a TypeScript consumer against the shipped declarations', () => {
  writeFileSync(
    join(project, 'smoke.ts'),
    [
      "import { loadContract, type Contract, type Problem } from 'standin'",
      "import { mswHandlers, type MswOptions } from 'standin/browser'",
      "const options: MswOptions = { baseUrl: 'http://models.internal', seed: 7 }",
      'export const handlers = mswHandlers(await loadContract({}), options)',
      'const contract: Contract = await loadContract("x.contract.yaml")',
      'const problems: readonly Problem[] = contract.validateInput({})',
      'export const count: number = problems.length',
    ].join('\n'),
  )
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['smoke.ts'],
    }),
  )
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  expect(() =>
    execFileSync(process.execPath, [tsc, '-p', project], {
      cwd: project,
      encoding: 'utf8',
      stdio: 'pipe',
    }),
  ).not.toThrow()
  // tsc with skipLibCheck: false reads msw's and nock's declarations too: slow on a busy machine.
}, 180_000)
