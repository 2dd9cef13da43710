// Refreshes the vendored test suites under test/fixtures from git snapshots of their public
// repositories (read with git itself, no work tree needed):
//   - JSON-Schema-Test-Suite: tests/draft2020-12 and tests/draft7 (optional/ and format/ included)
//   - huggingface.js: the task specs packages/tasks/src/tasks/*/spec/*.json and the
//     common-definitions.json they refer to
//   - openai-openapi: the chat-completion and model-list response schemas of openapi.yaml (and
//     every schema they refer to), extracted to openai-openapi/schemas.json
// Each with its licence and a SOURCE file naming the commit.
//
// Usage: node scripts/refresh-fixtures.mjs [suite-git-dir] [huggingface-git-dir] [openai-openapi-git-dir]
// Without arguments it clones them (shallow) into a temporary folder, which needs network access.
// FIXTURES_ONLY=<folder> refreshes one of them (its git dir is then the only argument).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process, { argv, stdout } from 'node:process'
import { URL, fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url))
const sources = [
  {
    url: 'https://github.com/json-schema-org/JSON-Schema-Test-Suite',
    folder: 'json-schema-test-suite',
    paths: ['LICENSE', 'tests/draft2020-12', 'tests/draft7'],
    strip: 1,
  },
  {
    url: 'https://github.com/huggingface/huggingface.js',
    folder: 'huggingface-tasks',
    paths: ['LICENSE', 'packages/tasks/src/tasks'],
    // Only the specs and the definitions they share.
    keep: /^(LICENSE|.*\/spec\/[^/]+\.json|.*\/common-definitions\.json)$/,
    strip: 3,
  },
  {
    url: 'https://github.com/openai/openai-openapi',
    folder: 'openai-openapi',
    paths: ['LICENSE', 'openapi.yaml'],
    // 3 MB of YAML: only the response schemas standin's envelopes are checked against are kept.
    extract: (yamlText) => extractSchemas(parse(yamlText, { maxAliasCount: -1 }), roots),
    strip: 0,
  },
]

/** The schemas the stand-in's openai-chat envelopes are validated against (test/protocol). */
const roots = [
  'CreateChatCompletionResponse',
  'CreateChatCompletionStreamResponse',
  'ListModelsResponse',
]

/** `roots` and every component schema they reach through `$ref`, as `{ components: { schemas } }`. */
function extractSchemas(document, names) {
  const all = document.components.schemas
  const kept = {}
  const todo = [...names]
  while (todo.length > 0) {
    const name = todo.pop()
    if (Object.hasOwn(kept, name)) continue
    kept[name] = all[name]
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk)
      if (node === null || typeof node !== 'object') return
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string')
          todo.push(value.replace('#/components/schemas/', ''))
        else walk(value)
      }
    }
    walk(all[name])
  }
  const sorted = Object.fromEntries(
    Object.keys(kept)
      .sort()
      .map((k) => [k, kept[k]]),
  )
  return JSON.stringify({ openapi: document.openapi, components: { schemas: sorted } }, null, 2)
}

const git = (dir, ...args) =>
  execFileSync('git', [`--git-dir=${dir}`, ...args], { maxBuffer: 1 << 30 })

const only = process.env.FIXTURES_ONLY
let scratch
for (const [i, source] of sources.entries()) {
  if (only !== undefined && source.folder !== only) continue
  let dir = only === undefined ? argv[2 + i] : argv[2]
  if (!dir) {
    scratch ??= mkdtempSync(join(tmpdir(), 'standin-fixtures-'))
    const clone = join(scratch, source.folder)
    execFileSync('git', ['clone', '--bare', '--depth=1', source.url, clone], { stdio: 'inherit' })
    dir = clone
  }
  const commit = git(dir, 'rev-parse', 'HEAD').toString().trim()
  const files = git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', ...source.paths)
    .toString()
    .split('\n')
    .filter((f) => f && (!source.keep || source.keep.test(f)))
  const target = join(fixtures, source.folder)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  if (source.extract)
    writeFileSync(
      join(target, 'schemas.json'),
      `${source.extract(git(dir, 'show', 'HEAD:openapi.yaml').toString())}\n`,
    )
  else
    execFileSync('tar', ['-x', '-C', target, `--strip-components=${source.strip}`], {
      input: git(dir, 'archive', 'HEAD', ...files),
    })
  // The licence sits at the top of the repository, where strip-components drops it.
  writeFileSync(join(target, 'LICENSE'), git(dir, 'show', 'HEAD:LICENSE'))
  writeFileSync(
    join(target, 'SOURCE'),
    `${source.url}\ncommit ${commit}\nfiles: ${source.paths.join(', ')}\nrefreshed by scripts/refresh-fixtures.mjs\n`,
  )
  stdout.write(`${source.folder}: ${files.length} files from ${source.url} @ ${commit}\n`)
}
if (scratch) rmSync(scratch, { recursive: true, force: true })
