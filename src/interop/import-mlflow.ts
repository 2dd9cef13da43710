/**
 * `standin import mlflow`: a contract on the mlflow protocol from an MLflow model's `MLmodel` file
 * (its signature) and, when the model has one, its input example.
 */
import { statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { loadContract, readDataFile } from '../contract/index.js'
import { isObject } from '../json/index.js'
import { contractName } from './contract-identity.js'
import { fromProblems, interopError } from './import-error.js'
import { NoteBook, PLACEHOLDER, finishImport, type ImportResult } from './import-result.js'
import { exampleFiles, mlflowExamples } from './mlflow-examples.js'
import { signatureSchemas } from './mlflow-signature.js'

/** Options of `importMlflow`. */
export interface ImportMlflowOptions {
  /** Folder relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string
  /** The contract's name (default: the model folder's name, made a contract name). */
  readonly name?: string
}

/** The MLmodel file of `source` (the file itself, or the model folder holding it). */
function locate(source: string, cwd: string): { path: string; shown: string } {
  const path = resolve(cwd, source)
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat)
    throw interopError(
      'import.unreadable',
      { source },
      'no such file or folder',
      'Give the MLflow model folder (the one with MLmodel in it) or the MLmodel file itself.',
    )
  if (stat.isDirectory()) {
    const inner = join(path, 'MLmodel')
    if (statSync(inner, { throwIfNoEntry: false })?.isFile() !== true)
      throw interopError(
        'import.unreadable',
        { source },
        'this folder holds no MLmodel file',
        'Give the MLflow model folder (the one with MLmodel in it) or the MLmodel file itself.',
      )
    return { path: inner, shown: join(source, 'MLmodel') }
  }
  return { path, shown: source }
}

/**
 * Imports an MLflow model's signature as a contract on the mlflow protocol.
 *
 * Column-based and tensor-based signatures, every MLflow type, optional columns, `params` with
 * their defaults (kept as `x-mlflow-params`), and the input example as contract examples. What the
 * signature does not say (no output schema, for example) is noted in the contract.
 *
 * @example
 * const { text, notes } = await importMlflow('mlruns/0/abc/artifacts/model')
 * await writeFile('contracts/churn.contract.yaml', text)
 *
 * @throws {StandinError} `import.unreadable` (no such file or folder), `import.invalid` (YAML
 * errors, no signature, unknown types), each with one line naming the file and the place in it.
 */
export async function importMlflow(
  source: string,
  options: ImportMlflowOptions = {},
): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd()
  const file = locate(source, cwd)
  const read = await readDataFile(file.path, file.shown)
  if (!read.ok) throw fromProblems(read.problems)
  const model = read.data
  if (!isObject(model))
    throw interopError(
      'import.invalid',
      { source: file.shown },
      `expected an MLmodel mapping (flavors, signature, ...), got ${Array.isArray(model) ? 'a list' : JSON.stringify(model)}`,
      'Give the MLmodel file MLflow wrote next to the model.',
    )
  const book = new NoteBook()
  const { input, output } = signatureSchemas(model, file.shown, book)
  const folder = dirname(file.path)
  const name = options.name ?? contractName(basename(folder))
  const contract: Record<string, unknown> = {
    contract: 1,
    name,
    version: PLACEHOLDER.version,
    description: PLACEHOLDER.description,
    owner: PLACEHOLDER.owner,
    protocol: 'mlflow',
    input,
    output,
  }
  // Checked against the contract as built, so an example that does not fit is noted, not written.
  const bare = await loadContract(structuredClone(contract), { cwd })
  const examples = await mlflowExamples(model, folder, relative(cwd, folder) || '.', bare, book)
  if (examples.length > 0) contract.examples = examples
  const files = [file.path, ...exampleFiles(model).map((example) => join(folder, example))]
  return finishImport(contract, book, file.shown, 'mlflow', files)
}
