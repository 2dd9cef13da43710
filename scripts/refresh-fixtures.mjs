// Refreshes the vendored test suites under test/fixtures from git snapshots of their public
// repositories (read with git itself, no work tree needed):
//   - JSON-Schema-Test-Suite: tests/draft2020-12 and tests/draft7 (optional/ and format/ included)
//   - huggingface.js: the task specs packages/tasks/src/tasks/*/spec/*.json and the
//     common-definitions.json they refer to
// Each with its licence and a SOURCE file naming the commit.
//
// Usage: node scripts/refresh-fixtures.mjs [suite-git-dir] [huggingface-git-dir]
// Without arguments it clones both (shallow) into a temporary folder, which needs network access.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { argv, stdout } from 'node:process'
import { URL, fileURLToPath } from 'node:url'

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
]

const git = (dir, ...args) =>
  execFileSync('git', [`--git-dir=${dir}`, ...args], { maxBuffer: 1 << 30 })

let scratch
for (const [i, source] of sources.entries()) {
  let dir = argv[2 + i]
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
