/**
 * Hostile battery, files (issue 11): a contract reads nothing outside its folder tree. Every case
 * plants a secret beside the contract's folder and checks the refusal's exact text, and that the
 * secret appears in no output of the real CLI.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ContractError, loadContract } from '../../src/index.js'
import { positionless, runBin } from '../helpers/run-cli.js'

const SECRET = 'TOP-SECRET-7f3a'
let base: string
let dir: string

const contract = (input: string): string =>
  `contract: 1\nname: x\nversion: 1.0.0\ninput: ${input}\noutput: { type: object, properties: { y: { type: string } } }\n`

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'standin-hostile-'))
  dir = join(base, 'contracts')
  mkdirSync(join(dir, 'shared'), { recursive: true })
  writeFileSync(join(base, 'secret.json'), JSON.stringify({ type: 'string', enum: [SECRET] }))
  writeFileSync(join(base, 'secret.txt'), `${SECRET}: [broken\n`)
  writeFileSync(join(dir, 'shared', 'money.json'), JSON.stringify({ type: 'number', minimum: 0 }))
  symlinkSync(join(base, 'secret.json'), join(dir, 'shared', 'link.json'))
  symlinkSync(base, join(dir, 'up'))
  execFileSync('mkfifo', [join(dir, 'pipe.json')])
  mkdirSync(join(dir, 'folder.json'))
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

async function lint(name: string, input: string): Promise<string> {
  writeFileSync(join(dir, name), contract(input))
  const run = await runBin(['lint', name], { cwd: dir })
  expect(run.stdout + run.stderr).not.toContain(SECRET)
  expect(run.code).toBe(1)
  return positionless(run.stdout)
    .split('\n')
    .filter((l) => !l.startsWith('warning:'))
    .join('\n')
}

const outside = (name: string, ref: string, where: string) =>
  `${name}#/input/$ref: $ref ${JSON.stringify(ref)} points to ${where}, which is outside the contract's folder tree (${dir}). Fix the path (it is relative to the file that holds the $ref).`

it('traversal by ..: refuses a $ref to ../secret.json before opening it', async () => {
  const out = await lint('dots.contract.yaml', '{ $ref: "../secret.json" }')
  // The warnings (no description, open output, no examples) do not wait for the input's $ref.
  expect(out).toBe(
    `${outside('dots.contract.yaml', '../secret.json', join(base, 'secret.json'))}\n1 contract checked: 1 error, 3 warnings.\n`,
  )
})

it('traversal by ..: refuses ../../../../etc/passwd, and lint prints none of it', async () => {
  const out = await lint('passwd.contract.yaml', '{ $ref: "../../../../../../etc/passwd" }')
  expect(out).not.toContain('root:')
  expect(out).toContain(
    `passwd.contract.yaml#/input/$ref: $ref "../../../../../../etc/passwd" points to /etc/passwd, which is outside the contract's folder tree (${dir}).`,
  )
})

it('traversal by ..: a path that goes down and back up out of the tree is refused too', async () => {
  const out = await lint('zigzag.contract.yaml', '{ $ref: "shared/../../secret.json" }')
  expect(out).toContain(
    outside('zigzag.contract.yaml', 'shared/../../secret.json', join(base, 'secret.json')),
  )
})

it('symlinks: a link inside the tree to a file outside it is refused', async () => {
  const out = await lint('link.contract.yaml', '{ $ref: "shared/link.json" }')
  expect(out).toContain(
    `link.contract.yaml#/input/$ref: $ref "shared/link.json" points to shared/link.json, which is a link to a file outside the contract's folder tree (${dir}).`,
  )
})

it('symlinks: a linked folder leading out of the tree is refused', async () => {
  const out = await lint('linkdir.contract.yaml', '{ $ref: "up/secret.json" }')
  expect(out).toContain('which is a link to a file outside the contract')
})

it('file: URIs: an absolute file URI is refused and nothing is read', async () => {
  const out = await lint('uri.contract.yaml', `{ $ref: "file://${base}/secret.json" }`)
  expect(out).toContain(`uri.contract.yaml#/input/$ref: $ref "file://${base}/secret.json"`)
})

it('percent-encoding: %2e%2e does not climb out of the tree', async () => {
  const out = await lint('percent.contract.yaml', '{ $ref: "%2e%2e/secret.json" }')
  expect(out).toContain('percent.contract.yaml#/input/$ref: $ref "%2e%2e/secret.json"')
})

it('devices and FIFOs: a $ref to a FIFO is refused without blocking on it', async () => {
  const out = await lint('fifo.contract.yaml', '{ $ref: "pipe.json" }')
  expect(out).toContain(
    'fifo.contract.yaml#/input/$ref: $ref "pipe.json" points to pipe.json, which is a named pipe (FIFO), not a regular file.',
  )
})

it('devices and FIFOs: a device named on the command line is refused before it is read', async () => {
  const run = await runBin(['lint', '/dev/zero'], { cwd: dir, timeoutMs: 10_000 })
  expect(run.code).toBe(2)
  expect(run.stderr).toBe('/dev/zero#: is a device, not a regular file. Name a regular file.\n')
})

it('devices and FIFOs: a $ref to a folder is refused', async () => {
  const out = await lint('folder.contract.yaml', '{ $ref: "folder.json" }')
  expect(out).toContain('points to folder.json, which is a folder, not a file.')
})

it('syntax errors in a $ref file say where, never quote it', async () => {
  writeFileSync(join(dir, 'shared', 'broken.yaml'), `${SECRET}: [broken\n`)
  writeFileSync(join(dir, 'shared', 'broken.json'), `{"${SECRET}": tru}`)
  const yaml = await lint('broken-yaml.contract.yaml', '{ $ref: "shared/broken.yaml" }')
  expect(yaml).toContain(
    'broken-yaml.contract.yaml#/input/$ref: $ref "shared/broken.yaml" points to shared/broken.yaml, which has an error at line 2, column 1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].',
  )
  const json = await lint('broken-json.contract.yaml', '{ $ref: "shared/broken.json" }')
  expect(json).toContain(
    'broken-json.contract.yaml#/input/$ref: $ref "shared/broken.json" points to shared/broken.json, which has an error at line 1, column',
  )
})

it('a $ref inside the tree still loads, and the root option widens the tree for a library caller', async () => {
  writeFileSync(join(dir, 'ok.contract.yaml'), contract('{ $ref: "shared/money.json" }'))
  const ok = await loadContract('ok.contract.yaml', { cwd: dir })
  expect(ok.validateInput(-1)).toHaveLength(1)
  writeFileSync(join(dir, 'wide.contract.yaml'), contract('{ $ref: "../secret.json" }'))
  const error = await loadContract('wide.contract.yaml', { cwd: dir }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ContractError)
  const widened = await loadContract('wide.contract.yaml', { cwd: dir, root: '..' })
  expect(widened.validateInput(SECRET)).toEqual([])
})

it('files over the size limit are refused, as the contract and as a $ref', async () => {
  writeFileSync(
    join(dir, 'shared', 'big.json'),
    JSON.stringify({ type: 'string', description: 'x'.repeat(2000) }),
  )
  writeFileSync(join(dir, 'big.contract.yaml'), contract('{ $ref: "shared/big.json" }'))
  const error = (await loadContract('big.contract.yaml', { cwd: dir, maxFileBytes: 1500 }).catch(
    (e: unknown) => e,
  )) as ContractError
  expect(error.message).toBe(
    'big.contract.yaml#/input/$ref: $ref "shared/big.json" points to shared/big.json, which is 2 KB, over the 1.5 KB standin reads. Fix the path (it is relative to the file that holds the $ref).',
  )
  const own = (await loadContract('big.contract.yaml', { cwd: dir, maxFileBytes: 10 }).catch(
    (e: unknown) => e,
  )) as ContractError
  expect(own.code).toBe('contract.unreadable')
})
