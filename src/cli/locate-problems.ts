/**
 * Line and column for problems located only by JSON pointer: the contract file is parsed again
 * with the yaml package (YAML and JSON alike), the pointer is walked down its nodes, and the
 * position of the deepest node it reaches is taken. A pointer to a key that is there (an
 * unknown key) points at the key itself; one to a key that is missing points at its parent.
 */
import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node } from 'yaml'
import { parsePointer } from '../json/index.js'
import type { Problem } from '../errors.js'

/**
 * Files over this size get no positions (their problems keep the pointer): parsing a large file
 * again for its nodes costs seconds, more than a position is worth.
 */
const MAX_BYTES = 4 * 1024 * 1024

type Position = { readonly line: number; readonly column: number }
/** A file parsed once for every problem in it. */
type Parsed = { readonly root: unknown; readonly counter: LineCounter }

function parse(source: string): Parsed {
  const counter = new LineCounter()
  const document = parseDocument(source, { lineCounter: counter, keepSourceTokens: false })
  return { root: document.contents, counter }
}

function positionIn({ root, counter }: Parsed, pointer: string): Position | undefined {
  let node: unknown = root
  let at: number | undefined = (node as Node | null)?.range?.[0]
  const segments = parsePointer(pointer)
  if (!segments) return undefined
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment)
      if (!pair) break
      const key = pair.key as Node
      // Unknown keys are reported at the key; anything deeper continues into the value.
      at = key.range?.[0] ?? at
      node = pair.value
      if (segment === segments[segments.length - 1]) break
      at = (node as Node | null)?.range?.[0] ?? at
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)]
      if (item === undefined) break
      node = item
      at = (item as Node).range?.[0] ?? at
    } else break
  }
  if (at === undefined) return undefined
  const { line, col } = counter.linePos(at)
  return { line, column: col }
}

/**
 * Adds `line` and `column` to every problem that has a file and a pointer but no position.
 * Files that cannot be read again are left as they are.
 *
 * @example
 * const located = await locateProblems(report.problems, process.cwd())
 */
export async function locateProblems(
  problems: readonly Problem[],
  cwd: string,
): Promise<Problem[]> {
  const sources = new Map<string, Promise<Parsed | undefined>>()
  const read = (file: string): Promise<Parsed | undefined> => {
    let text = sources.get(file)
    if (!text) {
      const path = isAbsolute(file) ? file : resolve(cwd, file)
      // Only regular files of a sane size: never a FIFO or device (a read would block).
      const stat = statSync(path, { throwIfNoEntry: false })
      text =
        stat?.isFile() === true && stat.size <= MAX_BYTES
          ? readFile(path, 'utf8').then(parse, () => undefined)
          : Promise.resolve(undefined)
      sources.set(file, text)
    }
    return text
  }
  return Promise.all(
    problems.map(async (p) => {
      if (p.line !== undefined || p.file === undefined) return p
      const source = await read(p.file)
      const position = source === undefined ? undefined : positionIn(source, p.pointer)
      return position ? { ...p, ...position } : p
    }),
  )
}
