/**
 * Each folder of src/ keeps one door, its index.ts, that exports what the rest of the code uses
 * and no more (issue 13). dependency-cruiser checks that other folders come in through the door;
 * this checks the other half: every name a door exports is imported through it by a file outside
 * the folder (src/ or test/), or re-exported by the public entries (src/index.ts, src/browser.ts).
 * A door that exports more grows into a grab-bag nobody can read as the folder's interface.
 *
 * Run: node scripts/check-doors.mjs (part of `npm run lint`). Exits 1 and lists the names.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { filesBelow } from './ts-files.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')

/** The names a module imports or re-exports from each module it names, by resolved path. */
function namesTaken(file) {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const taken = []
  const from = (specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = from(node.moduleSpecifier.text)
      const bindings = node.importClause?.namedBindings
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) taken.push([target, (el.propertyName ?? el.name).text])
      else if (bindings && ts.isNamespaceImport(bindings)) taken.push([target, '*'])
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const target = from(node.moduleSpecifier.text)
      if (!node.exportClause) taken.push([target, '*'])
      else if (ts.isNamedExports(node.exportClause))
        for (const el of node.exportClause.elements)
          taken.push([target, (el.propertyName ?? el.name).text])
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      // `const { a, b } = await import('../x/index.js')` takes a and b; any other use of the
      // module object may read any name.
      const target = from(node.arguments[0].text)
      const declaration = ts.isAwaitExpression(node.parent) ? node.parent.parent : undefined
      if (
        declaration &&
        ts.isVariableDeclaration(declaration) &&
        ts.isObjectBindingPattern(declaration.name)
      )
        for (const el of declaration.name.elements)
          taken.push([target, (el.propertyName ?? el.name).getText(source)])
      else taken.push([target, '*'])
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return taken
}

/** The names a door exports (`export { a } from`, `export type { B } from`, local exports). */
function namesExported(door) {
  const source = ts.createSourceFile(
    door,
    readFileSync(door, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
  )
  const names = []
  for (const node of source.statements) {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause))
      for (const el of node.exportClause.elements) names.push(el.name.text)
    else if (
      ts.canHaveModifiers(node) &&
      ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
      'name' in node &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      names.push(node.name.text)
  }
  return names
}

const users = [...filesBelow(src), ...filesBelow(join(root, 'test'))]
const taken = users.map((file) => ({ file, names: namesTaken(file) }))
const unused = []
for (const folder of readdirSync(src)) {
  const dir = join(src, folder)
  if (!statSync(dir).isDirectory()) continue
  const door = join(dir, 'index.ts')
  let exported
  try {
    exported = namesExported(door)
  } catch {
    continue
  }
  const used = new Set()
  for (const { file, names } of taken) {
    if (file.startsWith(dir + '/')) continue
    for (const [target, name] of names) if (target === door) used.add(name)
  }
  if (used.has('*')) continue
  const left = exported.filter((name) => !used.has(name))
  if (left.length > 0) unused.push(`${relative(root, door)}: ${left.join(', ')}`)
}
if (unused.length > 0) {
  process.stderr.write(
    `These doors export names no file outside their folder takes through them; drop them from the door (a test can import the module itself):\n  ${unused.join('\n  ')}\n`,
  )
  process.exit(1)
}
process.stdout.write('✔ every door exports only what other folders use\n')
