/**
 * The typed flag layer: one declaration gives the parser, the checks, the messages and the
 * value types; the global conventions (short flags, help, did-you-mean, colour, `-`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { flag, parseFlags } from '../../src/cli/flags.js'
import { useColour } from '../../src/colour.js'
import { root, runInProcess } from '../helpers/run-cli.js'

const flags = {
  port: flag.integer({ short: 'p', min: 0, max: 65535, default: 4010, description: 'Port' }),
  seed: flag.integer({ description: 'Seed' }),
  timeout: flag.duration({ description: 'Timeout' }),
  format: flag.enum({ values: ['text', 'json'], default: 'text', description: 'Format' }),
  header: flag.string({ short: 'H', repeatable: true, description: 'Header' }),
  watch: flag.boolean({ short: 'w', description: 'Watch' }),
  out: flag.output({ short: 'o', description: 'Output' }),
  size: flag.size({ description: 'Size' }),
  rate: flag.number({ min: 0, max: 1, example: '0.5', description: 'Rate' }),
}
const parse = (...args: string[]) => parseFlags('test', flags, args, { cwd: root })
const message = (...args: string[]): string => {
  try {
    parse(...args)
  } catch (error) {
    return (error as Error).message
  }
  return 'no error'
}

describe('parseFlags', () => {
  it('gives typed values, defaults and an empty list for absent repeatable flags', () => {
    const { values, positionals } = parse(
      'a.yaml',
      '-p',
      '8080',
      '--seed=-3',
      '-H',
      'x: 1',
      '--header',
      'y: 2',
      '-w',
      '--',
      '--not-a-flag',
    )
    expect(values).toEqual({
      port: 8080,
      seed: -3,
      timeout: undefined,
      format: 'text',
      header: ['x: 1', 'y: 2'],
      watch: true,
      out: undefined,
      size: undefined,
      rate: undefined,
    })
    expect(positionals).toEqual(['a.yaml', '--not-a-flag'])
    expectTypeOf(values.port).toEqualTypeOf<number>()
    expectTypeOf(values.seed).toEqualTypeOf<number | undefined>()
    expectTypeOf(values.format).toEqualTypeOf<'text' | 'json'>()
    expectTypeOf(values.header).toEqualTypeOf<readonly string[]>()
    expectTypeOf(values.watch).toEqualTypeOf<boolean>()
  })

  it('takes a negative number as a value, and -h as help', () => {
    expect(parse('--seed', '-7').values.seed).toBe(-7)
    expect(parse('-h').help).toBe(true)
    expect(parse('--no-color').color).toBe(false)
    expect(parse('--color').color).toBe(true)
  })

  it('refuses integers written otherwise, out of range or empty, with one message shape', () => {
    expect(message('--port', '0x50')).toBe(
      "standin test: --port must be an integer from 0 to 65535, not '0x50'.",
    )
    expect(message('--port', '1e3')).toBe(
      "standin test: --port must be an integer from 0 to 65535, not '1e3'.",
    )
    expect(message('--port', '')).toBe(
      "standin test: --port must be an integer from 0 to 65535, not ''.",
    )
    expect(message('--port', '70000')).toBe(
      "standin test: --port must be an integer from 0 to 65535, not '70000'.",
    )
    expect(message('--seed', '1.5')).toBe("standin test: --seed must be an integer, not '1.5'.")
  })

  it('needs a unit on durations', () => {
    expect(parse('--timeout', '500ms').values.timeout).toBe(500)
    expect(parse('--timeout', '1.5s').values.timeout).toBe(1500)
    expect(parse('--timeout', '2m').values.timeout).toBe(120_000)
    expect(message('--timeout', '10')).toBe(
      "standin test: --timeout must be a duration with a unit, such as 10ms or 10s, not '10'.",
    )
    expect(message('--timeout', 'soon')).toBe(
      "standin test: --timeout must be a duration such as 500ms, 10s or 2m, not 'soon'.",
    )
  })

  it("refuses a duration longer than node's timers wait (a longer one would fire at once)", () => {
    expect(parse('--timeout', '596h').values.timeout).toBe(596 * 3_600_000)
    expect(message('--timeout', '597h')).toBe(
      "standin test: --timeout must be a duration of at most 596h (the longest wait node's timers keep), not '597h'.",
    )
  })

  it('takes sizes from 1 byte to 256mb by default', () => {
    expect(parse('--size', '1').values.size).toBe(1)
    expect(parse('--size', '256mb').values.size).toBe(256 * 1024 * 1024)
    for (const raw of ['0', '0.4', '257mb', '5000mb'])
      expect(message('--size', raw)).toBe(
        `standin test: --size must be a size from 1 byte to 256mb such as 1mb, 512kb or 2048, not '${raw}'.`,
      )
  })

  it('checks enums, sizes and shares', () => {
    expect(message('--format', 'xml')).toBe(
      "standin test: --format must be one of text, json, not 'xml'.",
    )
    expect(parse('--size', '1mb').values.size).toBe(1024 * 1024)
    expect(message('--rate', '2')).toBe(
      "standin test: --rate must be a number from 0 to 1 such as 0.5, not '2'.",
    )
  })

  it('suggests the flag meant, for an unknown one', () => {
    expect(message('--prot', '1')).toBe(
      "standin test: unknown option '--prot'. Did you mean '--port'? Run 'standin test --help' for usage.",
    )
    expect(message('-x')).toBe(
      "standin test: unknown option '-x'. Run 'standin test --help' for usage.",
    )
    expect(message('--port')).toBe(
      "standin test: --port needs a value: --port <N>. Run 'standin test --help' for usage.",
    )
    expect(message('--watch=yes')).toBe(
      "standin test: --watch takes no value (got 'yes'). Run 'standin test --help' for usage.",
    )
  })

  it("takes '-' as standard output and refuses a file in a folder that does not exist", () => {
    expect(parse('-o', '-').values.out).toEqual({ path: '-', shown: '-', stdio: true })
    expect(parse('-o', 'out.json').values.out).toEqual({
      path: join(root, 'out.json'),
      shown: 'out.json',
      stdio: false,
    })
    expect(message('-o', 'nowhere/out.json')).toBe(
      "standin test: --out must be a file in a folder that exists, not 'nowhere/out.json': nowhere does not exist. Create it first.",
    )
  })

  it('says so when the folder given is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-out-'))
    try {
      writeFileSync(join(dir, 'afile'), '')
      expect(message('-o', join(dir, 'afile', 'out.json'))).toBe(
        `standin test: --out must be a file in a folder, not '${join(dir, 'afile', 'out.json')}': ${join(dir, 'afile')} is a file, not a folder.`,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the colour policy', () => {
  it('follows --color, then FORCE_COLOR, then NO_COLOR (not when empty), then the terminal', () => {
    expect(useColour({ isTTY: true, env: {} })).toBe(true)
    expect(useColour({ isTTY: false, env: {} })).toBe(false)
    expect(useColour({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false)
    expect(useColour({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(useColour({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true)
    expect(useColour({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true)
    expect(useColour({ isTTY: false, env: { FORCE_COLOR: '' } })).toBe(false)
    expect(useColour({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false)
    expect(useColour({ isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true)
    expect(useColour({ isTTY: false, env: {}, color: true })).toBe(true)
    expect(useColour({ isTTY: true, env: { FORCE_COLOR: '1' }, color: false })).toBe(false)
  })

  it('colours lint output with --color even when piped, and not with --no-color', async () => {
    const file = 'test/fixtures/contracts/review/needs-review.contract.yaml'
    const on = await runInProcess(['lint', file, '--color'])
    expect(on.stdout).toContain('\u001b[33mwarning:\u001b[39m')
    const forced = await runInProcess(['lint', file], root, { FORCE_COLOR: '1' })
    expect(forced.stdout).toContain('\u001b[33mwarning:')
    const off = await runInProcess(['lint', file, '--no-color'], root, { FORCE_COLOR: '1' })
    expect(off.stdout).not.toContain('\u001b[')
  })
})

describe('the commands', () => {
  it("answers 'help <command>' with the command's help, and suggests a misspelled one", async () => {
    const help = await runInProcess(['help', 'serve'])
    expect(help.code).toBe(0)
    expect(help.stdout).toBe((await runInProcess(['serve', '--help'])).stdout)
    const typo = await runInProcess(['help', 'serv'])
    expect(typo).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "standin: unknown command 'serv'. Did you mean 'serve'? Run 'standin --help' for the list: lint, types, sample, serve, verify, diff, import, export, proxy, compare, drift, summary, registry, publish, consume, approve, can-swap.\n",
    })
  })

  it('uses one default seed: sample, the stand-in and verify agree', async () => {
    const { loadContract } = await import('../../src/contract/index.js')
    const { createMock } = await import('../../src/mock/index.js')
    const { DEFAULT_SEED, sampleContract } = await import('../../src/generate/index.js')
    const contract = await loadContract('contracts/fuel-consumption.contract.yaml', { cwd: root })
    expect(contract.mock.seed).toBeUndefined()
    expect(DEFAULT_SEED).toBe(1)
    expect(createMock(contract).seed).toBe(DEFAULT_SEED)
    const [input] = sampleContract(contract, { side: 'input', count: 1 })
    expect(createMock(contract).predictSync(input)).toEqual(
      sampleContract(contract, { side: 'output', count: 1, input })[0],
    )
  })

  it('refuses an output file in a missing folder before any work (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-out-'))
    try {
      const types = await runInProcess(['types', 'contracts', '--out', 'no/such/dir'], dir)
      expect(types).toEqual({
        code: 2,
        stdout: '',
        stderr:
          "standin types: --out must be a file in a folder that exists, not 'no/such/dir': no/such does not exist. Create it first.\n",
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
