import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Problem } from '../errors.js'

/** The file names a folder of contracts is searched for. */
export const CONTRACT_FILE = /\.contract\.(ya?ml|json)$/

/**
 * Expands files and folders into contract files (a folder gives its `*.contract.{yaml,yml,json}`
 * files, sorted by name; not recursive). Paths stay as the user wrote them, joined with the
 * file name for folders.
 */
export async function findContractFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = []
  const problems: Problem[] = []
  for (const path of paths) {
    if (path.startsWith('registry://')) {
      files.push(path) // a contract in a registry, fetched when it is read
      continue
    }
    let isFolder: boolean
    try {
      isFolder = (await stat(resolve(cwd, path))).isDirectory()
    } catch {
      files.push(path) // reading it reports the problem
      continue
    }
    if (!isFolder) {
      files.push(path)
      continue
    }
    const names = (await readdir(resolve(cwd, path))).filter((n) => CONTRACT_FILE.test(n)).sort()
    if (names.length === 0) {
      problems.push({
        code: 'contract.not-found',
        severity: 'error',
        file: path,
        pointer: '',
        message: 'the folder holds no *.contract.yaml, *.contract.yml or *.contract.json file',
        hint: 'Name contract files <name>.contract.yaml, or point at the files themselves.',
      })
    }
    files.push(...names.map((n) => join(path, n)))
  }
  return { files, problems }
}
