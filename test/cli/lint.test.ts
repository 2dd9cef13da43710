import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ContractError, loadContract } from '../../src/contract/index.js'
import { root, runBin, runInProcess } from '../helpers/run-cli.js'

const bad = 'test/fixtures/contracts/bad'

it('finds no problem in the bundled contracts and exits 0', async () => {
  const run = await runInProcess(['lint', 'contracts/'])
  expect(run).toEqual({ code: 0, stdout: '5 contracts checked: no problems.\n', stderr: '' })
})

it('exits 0 on the bundled contracts as a child process too', async () => {
  const run = await runBin(['lint', 'contracts'])
  expect(run.code).toBe(0)
  expect(run.stdout).toBe('5 contracts checked: no problems.\n')
})

it.each(readdirSync(join(root, bad)).sort())(
  'prints every error of %s as the loader reports it, and exits 1',
  async (name) => {
    const file = `${bad}/${name}`
    let expected = ''
    try {
      await loadContract(file, { cwd: root })
    } catch (error) {
      if (!(error instanceof ContractError)) throw error
      expected = error.message
    }
    const run = await runInProcess(['lint', file])
    expect(run.code).toBe(1)
    const errors = run.stdout.split('\n').filter((l) => l.startsWith(file))
    // The same problems, each with the line and column lint found for its pointer.
    if (name !== 'empty.contract.yaml')
      for (const line of errors) expect(line).toMatch(/^[^#]+:\d+:\d+#/)
    expect(errors.map((l) => l.replace(/^([^#]+?):\d+:\d+#/, '$1#')).join('\n')).toBe(
      expected.replace(/^([^#]+?):\d+:\d+#/gm, '$1#'),
    )
    expect(run.stdout).toMatch(/\n1 contract checked: \d+ errors?(, \d+ warnings?)?\.\n$/)
  },
)

it('prints the reviewer warnings and exits 0, or 1 with --strict', async () => {
  const file = 'test/fixtures/contracts/review/needs-review.contract.yaml'
  const run = await runInProcess(['lint', file])
  expect(run.stdout).toBe(
    [
      `warning: ${file}:12:7#/input/properties/text/pattern: the pattern "^(a+)+$" can backtrack catastrophically on some inputs (ReDoS). Rewrite it without nested or overlapping repetition, and bound the field with maxLength.`,
      `warning: ${file}:34:5#/output/properties/score: the field "score" has no description. Describe it: the description becomes the doc comment of the generated type.`,
      `warning: ${file}:17:1#/output: this output object allows properties the schema does not declare. Add additionalProperties: false, so a real model that sends extra fields is caught.`,
      `warning: ${file}:40:5#/examples/1: the example "no output" has no output, so it checks nothing. Add the expected output (a partial match is enough).`,
      `warning: ${file}:19:21#/output/required/1: no example exercises the required output field "scores". Add it to an example output (give numbers a tolerance), so swap-time checks compare it.`,
      `warning: ${file}:19:29#/output/required/2: no example exercises the required output field "score". Add it to an example output (give numbers a tolerance), so swap-time checks compare it.`,
      `warning: ${file}:24:20#/output/properties/label/x-standin/argmaxOf: the labels and the keys of /scores differ (no label other). Give every label exactly one score.`,
      `warning: ${file}:14:5#/input/properties/meta: kserve-v2 sends each top-level field as one tensor, and "meta" is nested. Use strings, numbers, booleans or flat arrays of them at the top level.`,
      `warning: ${file}:25:5#/output/properties/scores: kserve-v2 sends each top-level field as one tensor, and "scores" is nested. Use strings, numbers, booleans or flat arrays of them at the top level.`,
      '1 contract checked: 9 warnings.',
      '',
    ].join('\n'),
  )
  expect(run.code).toBe(0)
  expect((await runInProcess(['lint', file, '--strict'])).code).toBe(1)
})

it('reports duplicate names across a folder and exits 1', async () => {
  const run = await runInProcess(['lint', 'test/fixtures/contracts/duplicate-names'])
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(
    'test/fixtures/contracts/duplicate-names/b.contract.yaml:2:1#/name: the name "same-name" is also used by test/fixtures/contracts/duplicate-names/a.contract.yaml. Give each contract in a folder its own name.\n',
  )
})

it('exits 2 naming a missing file, after checking the others', async () => {
  const run = await runInProcess([
    'lint',
    'nope.contract.yaml',
    'contracts/ticket-router.contract.yaml',
  ])
  expect(run).toEqual({
    code: 2,
    stdout: '1 contract checked: no problems.\n',
    stderr:
      'nope.contract.yaml#: file not found. Check the path (contracts are usually contracts/<name>.contract.yaml).\n',
  })
})

it("says '-' is not standard input: contracts are read from files", async () => {
  const run = await runInProcess(['lint', '-'])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "-#: file not found. Contracts are read from files, not from standard input: save it as a file first (its $refs resolve against that file's folder).\n",
  })
})

it('exits 2 on a file it cannot read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    execFileSync('mkfifo', [join(dir, 'pipe.contract.yaml')])
    const run = await runInProcess(['lint', 'pipe.contract.yaml'], dir)
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pipe.contract.yaml#: is a named pipe (FIFO), not a regular file. Name a regular file.\n',
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('prints problems as JSON with --format json', async () => {
  const run = await runInProcess([
    'lint',
    `${bad}/unknown-version.contract.yaml`,
    '--format',
    'json',
  ])
  expect(run.code).toBe(1)
  expect(JSON.parse(run.stdout)).toEqual({
    errors: 1,
    warnings: 0,
    contracts: [
      {
        file: `${bad}/unknown-version.contract.yaml`,
        name: 'unknown-version',
        errors: 1,
        warnings: 0,
        problems: [
          {
            code: 'contract.unknown-version',
            severity: 'error',
            file: `${bad}/unknown-version.contract.yaml`,
            pointer: '/contract',
            message: 'unknown contract format 2',
            hint: 'This standin reads format 1: write "contract: 1", or upgrade standin.',
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  })
})

it('rejects an unknown --format with exit 2', async () => {
  const run = await runInProcess(['lint', 'contracts', '--format', 'xml'])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: "standin lint: --format must be one of text, json, github, not 'xml'.\n",
  })
})

it('asks for a contract when none is given', async () => {
  const run = await runInProcess(['lint'])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    "standin lint: missing <contract|dir>. Run 'standin lint --help' for usage.\n",
  )
})

it('reports a YAML syntax error with its line and column, and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    writeFileSync(join(dir, 'broken.contract.yaml'), 'contract: 1\nname: broken\nversion: [1.0.0\n')
    const run = await runInProcess(['lint', '.'], dir)
    expect(run).toEqual({
      code: 1,
      stdout: [
        'broken.contract.yaml:4:1#: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML there (quote strings that contain ": " or " #").',
        '1 contract checked: 1 error.',
        '',
      ].join('\n'),
      stderr: '',
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('documents its flags and exit codes in --help', async () => {
  const run = await runInProcess(['lint', '--help'])
  expect(run.stdout).toBe(
    [
      'Usage: standin lint <contract|dir>... [options]',
      '',
      'Check contracts; exit 1 on problems',
      '',
      'Arguments:',
      '  <contract|dir>                   Contract files, or folders of *.contract.yaml',
      '',
      'Options:',
      '  -f, --format <text|json|github>  Problems as text lines, JSON for machines, or GitHub annotations (default text)',
      '      --strict                     Exit 1 on warnings too',
      '      --verbose                    Also say which JSON Schema dialect each schema and schema file was read in',
      '      --[no-]color                 Colour on or off (else FORCE_COLOR, NO_COLOR, the terminal)',
      '  -h, --help                       Show this help',
      '',
      'Each problem is one line: file:line:column#/json/pointer: what is wrong. What to do.',
      '--format github prints ::error / ::warning workflow commands, shown on the pull request.',
      'Exit codes: 0 no errors, 1 problems found, 2 a file could not be read.',
      '',
    ].join('\n'),
  )
})

it('reports an output schema the stand-in cannot satisfy, by pointer, and exits 1', async () => {
  const file = 'test/fixtures/contracts/unsatisfiable/unsatisfiable.contract.yaml'
  const run = await runInProcess(['lint', file, '--format', 'json'])
  expect(run.code).toBe(1)
  const report = JSON.parse(run.stdout) as {
    contracts: { problems: { code: string; pointer: string; file: string }[] }[]
  }
  // The generator (src/generate) words the message; lint places it by file and pointer.
  const unsatisfiable = report.contracts[0]!.problems.filter(
    (p) => p.code === 'schema.unsatisfiable',
  )
  expect(unsatisfiable.map((p) => [p.file, p.pointer.startsWith('/output/')])).toEqual([
    [file, true],
  ])
})

it('prints GitHub annotations with --format github, every problem with its line and column', async () => {
  const file = `${bad}/bad-example.contract.yaml`
  const run = await runInProcess(['lint', file, '--format', 'github'])
  expect(run.code).toBe(1)
  expect(run.stdout.split('\n').slice(0, 2)).toEqual([
    `::error file=${file},line=15,col=14,title=standin contract.invalid-example::/examples/0/input/amount: the example input must be >= 0. Fix the example, or the input schema if the example is right.`,
    `::error file=${file},line=16,col=15,title=standin contract.invalid-example::/examples/0/output/label: the example output must be equal to one of the allowed values: "a", "b". Fix the example, or the output schema if the example is right.`,
  ])
  expect(run.stdout).toContain(
    `::warning file=${file},line=9,col=1,title=standin lint.open-output::/output: this output object allows`,
  )
})

it('reports mistakes in independent parts of a contract in one run, the examples and the generator proof included', async () => {
  const file = 'test/fixtures/contracts/several-mistakes/several-mistakes.contract.yaml'
  const run = await runInProcess(['lint', file])
  expect(run.code).toBe(1)
  // A misspelled key, a bad endpoint and a bad duration in checks leave both schemas sound: the
  // example is checked against the output schema and the output is proven unsatisfiable.
  expect(run.stdout).toBe(
    [
      `${file}:4:1#/descripton: unknown key "descripton". Did you mean "description"?`,
      `${file}:5:13#/endpoint/method: "FETCH" is not one of POST, PUT, PATCH, GET. Did you mean "PATCH"?`,
      `${file}:7:14#/checks/latency/p50: "50 ms" is not a duration. Write a number with a unit: 50ms, 2s or 1m.`,
      `${file}:24:15#/examples/0/output/label: the example output must be equal to one of the allowed values: "a", "b". Fix the example, or the output schema if the example is right.`,
      `warning: ${file}:17:21#/output/required/1: no example exercises the required output field "code". Add it to an example output (give numbers a tolerance), so swap-time checks compare it.`,
      `${file}:17:3#/output/required: required property "code" cannot hold any value (/properties/code/allOf/0/const: none of the values const allows satisfies the other constraints here (contradictory allOf)). Declare the property, or stop requiring it.`,
      '1 contract checked: 5 errors, 1 warning.',
      '',
    ].join('\n'),
  )
  expect(run.stderr).toBe('')
  // The loader reports the same errors (the generator proof is lint's), and loads nothing.
  await expect(loadContract(file, { cwd: root })).rejects.toThrow(
    [
      `${file}#/descripton: unknown key "descripton". Did you mean "description"?`,
      `${file}#/endpoint/method: "FETCH" is not one of POST, PUT, PATCH, GET. Did you mean "PATCH"?`,
      `${file}#/checks/latency/p50: "50 ms" is not a duration. Write a number with a unit: 50ms, 2s or 1m.`,
      `${file}#/examples/0/output/label: the example output must be equal to one of the allowed values: "a", "b". Fix the example, or the output schema if the example is right.`,
    ].join('\n'),
  )
})

it('checks what does not need a broken input schema: example outputs, names, output paths and the output proof', async () => {
  const file = 'test/fixtures/contracts/several-mistakes/broken-input.contract.yaml'
  const run = await runInProcess(['lint', file])
  expect(run.code).toBe(1)
  // The example inputs, the input paths in checks, the x-standin hints (they read both schemas)
  // and the input proof wait for the input schema; everything else is reported now.
  expect(run.stdout).toBe(
    [
      `${file}:20:16#/checks/invariance/0/perturb/op: "op" is missing. Add it.`,
      `${file}:20:31#/checks/invariance/0/perturb/transform: unknown key "transform". Remove it; the keys allowed here are path, op.`,
      `${file}:7:13#/input/properties/text/type: "strin" is not a JSON Schema type. Did you mean "string"?`,
      `${file}:25:15#/examples/0/output/echo: the example output must be string. Fix the example, or the output schema if the example is right.`,
      `${file}:26:5#/examples/1/name: example name "one" is already used by /examples/0. Give each example its own name.`,
      `${file}:21:17#/checks/invariance/0/expect/path: /missing is not a field of the output schema. Point it at a field the output schema declares.`,
      `warning: ${file}:26:5#/examples/1: the example "one" has no output, so it checks nothing. Add the expected output (a partial match is enough).`,
      `warning: ${file}:13:20#/output/required/1: no example exercises the required output field "code". Add it to an example output (give numbers a tolerance), so swap-time checks compare it.`,
      `${file}:13:3#/output/required: required property "code" cannot hold any value (/properties/code/allOf/0/const: none of the values const allows satisfies the other constraints here (contradictory allOf)). Declare the property, or stop requiring it.`,
      '1 contract checked: 7 errors, 2 warnings.',
      '',
    ].join('\n'),
  )
  expect(run.stderr).toBe('')
})
