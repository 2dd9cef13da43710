/**
 * `standin import mlflow|kserve-v2|openapi <source>`: a contract from what a model already
 * publishes. Writes the contract (to --out, or standard output) only when the import succeeded.
 */
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { redactedSource } from '../../redacted-target.js'
import { writeTextFile } from '../../write-text-file.js'
import type { ImportResult, OpenApiOperation } from '../../interop/index.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { flag, usageError } from '../flags.js'
import { refuseOverwritingInputs } from '../output-guard.js'

const kinds = ['mlflow', 'kserve-v2', 'openapi'] as const

/** `standin import <kind> <source>`. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'Write a contract from an MLflow model, V2 model metadata or an OpenAPI operation',
  positionals: [
    {
      name: 'mlflow|kserve-v2|openapi',
      description: 'What the source is',
      choices: kinds,
    },
    {
      name: 'source',
      description:
        'mlflow: the model folder or its MLmodel; kserve-v2: a /v2/models/<name> URL or a saved metadata file; openapi: the document',
    },
  ],
  flags: {
    out: flag.output({
      short: 'o',
      description: "File to write the contract to ('-' or absent: standard output)",
    }),
    operation: flag.string({
      valueName: 'operationId|"METHOD /path"',
      description: 'openapi: the operation to import (absent: list the operations)',
    }),
    name: flag.string({
      valueName: 'NAME',
      description: "The contract's name (default: from the source)",
    }),
    protocol: flag.enum({
      // interop's openApiTargets, written out so that --help need not load the OpenAPI parser;
      // a test keeps the two lists equal.
      values: ['json', 'openai-chat'],
      defaultText: "json, or the contract's own for a document standin export openapi wrote",
      description:
        "openapi: the protocol of the contract written (openai-chat: the operation as a tool an LLM calls, its request body the tool's arguments)",
    }),
    timeout: flag.duration({
      defaultText: '10s',
      description: 'kserve-v2: how long to wait for a live metadata endpoint',
    }),
    force: flag.boolean({
      description:
        'Replace the --out file when it exists (without it, an existing file is refused)',
    }),
  },
  footer: [
    'Where the source says nothing of a description, an owner or a version, placeholders stand in',
    'and standin lint reports them; what the contract cannot carry is noted in it (x-standin-import)',
    'and reported by standin lint as warnings.',
    'Exit codes: 0 the contract was written (or the operations listed), 2 the source could not be',
    'read or is not valid (one line naming the file or URL and the place in it; nothing written),',
    'or the --out file exists already (it may hold your edits: give --force to replace it).',
    'Examples:',
    '  standin import mlflow mlruns/0/3f2a/artifacts/model --out contracts/churn.contract.yaml',
    '  standin import kserve-v2 http://localhost:8080/v2/models/iris -o contracts/iris.contract.yaml',
    '  standin import openapi openapi.json --operation generate -o contracts/generate.contract.yaml',
  ],
  run: async ({ positionals, flags, io }) => {
    const [kind, source, ...rest] = positionals
    if (kind === undefined || source === undefined || rest.length > 0)
      throw usageError(
        'import',
        'give exactly two arguments: what the source is, and the source.',
        true,
      )
    if (kind !== 'openapi' && flags.operation !== undefined)
      throw usageError('import', '--operation is for openapi sources only.', true)
    if (kind !== 'kserve-v2' && flags.timeout !== undefined)
      throw usageError('import', '--timeout is for kserve-v2 sources only.', true)
    if (flags.out !== undefined && !/^https?:\/\//i.test(source)) {
      const path = resolve(io.cwd, source)
      refuseOverwritingInputs(
        'import',
        [{ flag: `--out ${flags.out.shown}`, ...flags.out }],
        [path, join(path, 'MLmodel')],
      )
    }
    if (flags.out?.stdio === false && !flags.force) refuseExisting(flags.out)
    // Loaded on demand: the OpenAPI parser would slow every other command's start.
    const { importKserveV2, importMlflow, importOpenApi, listOpenApiOperations } =
      await import('../../interop/index.js')
    const common = { cwd: io.cwd, ...(flags.name !== undefined ? { name: flags.name } : {}) }
    let result: ImportResult
    if (kind === 'mlflow') result = await importMlflow(source, common)
    else if (kind === 'kserve-v2')
      result = await importKserveV2(source, {
        ...common,
        ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      })
    else if (flags.operation === undefined) {
      io.stdout(renderOperations(source, await listOpenApiOperations(source, loadOptions(io))))
      return 0
    } else
      result = await importOpenApi(source, {
        ...common,
        operation: flags.operation,
        ...(flags.protocol !== undefined ? { protocol: flags.protocol } : {}),
      })
    if (flags.out !== undefined)
      // Again with every file the import read: an MLflow model's input examples are named in
      // its MLmodel, so they are known only now (before anything is written).
      refuseOverwritingInputs(
        'import',
        [{ flag: `--out ${flags.out.shown}`, ...flags.out }],
        result.read,
      )
    await write(result, flags.out?.stdio === false ? flags.out : undefined, io)
    return 0
  },
})

/**
 * An imported contract is a start that its owner fills in (a description, examples, promised
 * behaviour): importing again over it would lose that work, so an existing file is kept unless
 * --force. Devices (/dev/null, /dev/stdout) are written to as ever.
 */
function refuseExisting(out: { path: string; shown: string }): void {
  let exists: boolean
  try {
    exists = statSync(out.path).isFile()
  } catch {
    return
  }
  if (exists)
    throw usageError(
      'import',
      `${out.shown} exists already, and nothing was written. It may hold edits an import would lose: give --force to replace it, or import to another file and compare the two with 'standin diff <old> <new>'.`,
    )
}

function renderOperations(source: string, operations: readonly OpenApiOperation[]): string {
  const importable = operations.filter((op) => !op.unimportable)
  const width = Math.max(0, ...operations.map((op) => op.id.length))
  const lines = [
    `${redactedSource(source)}: ${importable.length} of ${operations.length} operations can be imported (they take a JSON body).`,
    'Import one with --operation <operationId | "METHOD /path">:',
  ]
  for (const op of operations) {
    const what = op.unimportable ? `(${op.unimportable})` : (op.summary ?? '')
    lines.push(
      `  ${op.unimportable ? ' ' : '*'} ${op.id.padEnd(width)}  ${`${op.method} ${op.path}`.padEnd(24)} ${what}`.trimEnd(),
    )
  }
  return `${lines.join('\n')}\n`
}

async function write(
  result: ImportResult,
  out: { path: string; shown: string } | undefined,
  io: CliIO,
): Promise<void> {
  if (!out) {
    io.stdout(result.text)
  } else {
    await writeTextFile(out.path, result.text, {
      shown: out.shown,
      hint: 'Check the --out path.',
      who: 'standin import',
    })
  }
  const examples = Array.isArray(result.contract.examples) ? result.contract.examples.length : 0
  const notes = result.notes.length
  const target = out ? `Wrote ${out.shown}: the` : 'The'
  io.stderr(
    `${target} contract "${String(result.contract.name)}" on the ${String(result.contract.protocol)} protocol, ${examples} example${examples === 1 ? '' : 's'}, ${notes === 0 ? 'nothing left out' : `${notes} note${notes === 1 ? '' : 's'} on what it could not carry (standin lint lists them)`}.\n`,
  )
}
