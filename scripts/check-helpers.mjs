/**
 * A helper is written once (issue 13): no two functions in src/ have the same body, however they
 * are named, so a fix made in one copy cannot miss the other. Functions are compared by their
 * parameters and body as TypeScript prints them (comments and layout dropped); the short ones
 * (under three statements' worth of text) are left out, where the same words are a coincidence.
 * It also holds JSON pointer tokens to one escape and unescape (src/json/json-pointer.ts), the
 * copy issue 13 first found three times over.
 *
 * Run: node scripts/check-helpers.mjs [folder] (part of `npm run lint`). Exits 1 and lists the copies.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { filesBelow } from './ts-files.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** The tree to check: src/, or the folder given (the script's own test points it at planted copies). */
const src = process.argv[2] ? resolve(process.argv[2]) : join(root, 'src')

/** Bodies shorter than this (printed, without spaces) are not compared. */
const shortest = 80

const printer = ts.createPrinter({ removeComments: true })

/** Every function with a body in `file`: declarations, methods, and arrow functions and function expressions bound to a name. */
function functionsOf(file) {
  const text = readFileSync(file, 'utf8')
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out = []
  const visit = (node) => {
    const fn =
      ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)
        ? node
        : ts.isVariableDeclaration(node) &&
            node.initializer &&
            (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
          ? node.initializer
          : undefined
    if (fn?.body) {
      const name = (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn : node).name
      const params = fn.parameters.map((p) => printer.printNode(ts.EmitHint.Unspecified, p, sf))
      const body = printer.printNode(ts.EmitHint.Unspecified, fn.body, sf)
      const shape = `(${params.join(',')})${body}`.replace(/\s+/g, '')
      const line = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line + 1
      if (shape.length >= shortest)
        out.push({
          shape,
          place: `${relative(root, file)}:${line}`,
          name: name?.getText(sf) ?? '(anonymous)',
        })
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return { out, text }
}

const byShape = new Map()
const inlinePointerCode = []
for (const file of filesBelow(src)) {
  const { out, text } = functionsOf(file)
  for (const f of out) byShape.set(f.shape, [...(byShape.get(f.shape) ?? []), f])
  if (!file.endsWith(join('json', 'json-pointer.ts')))
    text.split('\n').forEach((line, i) => {
      if (/\.replace\(\/~[01]?\/g/.test(line))
        inlinePointerCode.push(`${relative(root, file)}:${i + 1}`)
    })
}

const copies = [...byShape.values()].filter((fs) => fs.length > 1)
const found = [
  ...copies.map(
    (fs) =>
      `the same function ${fs.length} times: ${fs.map((f) => `${f.name} (${f.place})`).join(', ')}. Keep one, in the lowest folder every user can import (src/json/ for JSON helpers), and import it.`,
  ),
  ...inlinePointerCode.map(
    (place) =>
      `${place}: a JSON pointer token escaped or unescaped by hand. Use escapeToken, unescapeToken, decodeToken, parsePointer or joinPointer (src/json/json-pointer.ts).`,
  ),
]
if (found.length > 0) {
  process.stderr.write(`${found.join('\n')}\n`)
  process.exit(1)
}
process.stdout.write('✔ every helper in src/ is written once\n')
