// Refreshes the vendored test suites under test/fixtures from git snapshots of their public
// repositories (read with git itself, no work tree needed):
//   - JSON-Schema-Test-Suite: tests/draft2020-12 and tests/draft7 (optional/ and format/ included)
//   - huggingface.js: the task specs packages/tasks/src/tasks/*/spec/*.json and the
//     common-definitions.json they refer to
//   - openai-openapi: the chat-completion and model-list response schemas of openapi.yaml (and
//     every schema they refer to), extracted to openai-openapi/schemas.json
// Each with its licence and a SOURCE file naming the commit.
// And the real documents the interop tests import (test/interop), picked file by file:
//   - mlflow: MLmodel files and an input example from MLflow's tests, and the signature blocks of
//     its signatures documentation (tensor-based, with params) written as MLmodel files
//   - open-inference-protocol: the REST specification (OpenAPI) of the V2 protocol
//   - mlserver: model settings (V2 model metadata) from MLServer's tests and docs
//   - text-generation-inference, infinity: the OpenAPI documents of two ML services
//   - schemastore: real schemas from other tools that once made standin raise false alarms
//
// Usage: node scripts/refresh-fixtures.mjs [suite-git-dir] [huggingface-git-dir] [folder=git-dir]...
//        [--only folder,folder]   (or FIXTURES_ONLY=folder)
// Without arguments it clones every repository (shallow, blobs on demand) into a temporary
// folder, which needs network access; `folder=git-dir` uses a local (bare) clone instead.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
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

/**
 * Documents picked file by file: `from` at the repository's HEAD (or at `commit` when the file
 * has left HEAD), written to `to`; `extract` turns a documentation page into the file.
 */
const picked = [
  {
    url: 'https://github.com/mlflow/mlflow',
    folder: 'mlflow',
    license: 'LICENSE.txt',
    files: [
      {
        from: 'tests/resources/example_mlflow_2.12_langchain_model/MLmodel',
        to: 'langchain-2.12/MLmodel',
      },
      {
        from: 'tests/resources/example_mlflow_2.12_langchain_model/input_example.json',
        to: 'langchain-2.12/input_example.json',
      },
      {
        from: 'mlflow/java/scoring/src/test/resources/org/mlflow/models/sample_model_root/MLmodel.with.metadata',
        to: 'sample-model-root/MLmodel',
      },
      { from: 'tests/resources/example_mlflow_1x_sklearn_model/MLmodel', to: 'sklearn-1x/MLmodel' },
      {
        from: 'docs/source/model/signatures.rst',
        commit: 'e944178852bb916e583cb02cc345cbbc262dae79',
        to: 'mnist-tensor/MLmodel',
        extract: (text) =>
          signatureBlock(
            text,
            'Tensor-based Signatures',
            '"Tensor-based Signatures"), the\n# signature block of a model trained on MNIST.',
          ),
      },
      {
        from: 'docs/source/model/signatures.rst',
        commit: 'e944178852bb916e583cb02cc345cbbc262dae79',
        to: 'params-text/MLmodel',
        extract: (text) =>
          signatureBlock(
            text,
            'Model Signatures with Inference Params',
            '"Model Signatures with Inference Params"),\n# the signature block of a text model with inference params, each JSON text on one line as\n# MLflow writes it.',
          ),
      },
    ],
  },
  {
    url: 'https://github.com/kserve/open-inference-protocol',
    folder: 'open-inference-protocol',
    license: 'LICENSE',
    files: [
      { from: 'specification/protocol/open_inference_rest.yaml', to: 'open_inference_rest.yaml' },
    ],
  },
  {
    url: 'https://github.com/SeldonIO/MLServer',
    folder: 'mlserver',
    license: 'LICENSE',
    files: [
      { from: 'tests/testdata/model-settings.json', to: 'sum-model.model-settings.json' },
      {
        from: 'docs/examples/content-type/model-settings.json',
        to: 'content-type.model-settings.json',
      },
    ],
  },
  {
    url: 'https://github.com/huggingface/text-generation-inference',
    folder: 'text-generation-inference',
    license: 'LICENSE',
    files: [{ from: 'docs/openapi.json', to: 'openapi.json' }],
  },
  {
    url: 'https://github.com/michaelfeil/infinity',
    folder: 'infinity',
    license: 'LICENSE',
    files: [{ from: 'docs/assets/openapi.json', to: 'openapi.json' }],
  },
  {
    url: 'https://github.com/SchemaStore/schemastore',
    folder: 'schemastore',
    license: 'LICENSE',
    files: [
      { from: 'src/schemas/json/codeship-steps.json', to: 'codeship-steps.json' },
      { from: 'src/schemas/json/base-04.json', to: 'base-04.json' },
    ],
  },
]

/** Python's json.dumps layout (", " and ": "), as MLflow writes signature JSON in MLmodel. */
const pyJson = (value) =>
  Array.isArray(value)
    ? `[${value.map(pyJson).join(', ')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.entries(value)
          .map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`)
          .join(', ')}}`
      : JSON.stringify(value)

/** The first `signature:` code block after `heading` in an rst page, as an MLmodel file. */
function signatureBlock(text, heading, description) {
  const from = text.indexOf(`\n${heading}\n`)
  const start = text.indexOf('signature:', from)
  if (from === -1 || start === -1)
    throw new Error(`signatures.rst: no signature block under "${heading}"`)
  const block = text.slice(start, text.indexOf('\n\n', text.indexOf("'", start) + 1))
  const lines = ['signature:']
  for (const key of ['inputs', 'outputs', 'params']) {
    const match = new RegExp(`\\b${key}:\\s*(null|'([\\s\\S]*?)')`).exec(block)
    if (!match) continue
    lines.push(`  ${key}: ${match[2] === undefined ? 'null' : `'${pyJson(JSON.parse(match[2]))}'`}`)
  }
  return `# From mlflow/mlflow docs/source/model/signatures.rst (${description}\n${lines.join('\n')}\n`
}

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

const named = new Map(
  argv
    .slice(2)
    .filter((a) => /^[a-z0-9-]+=/.test(a))
    .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
)
const onlyAt = argv.indexOf('--only')
const onlyList = onlyAt === -1 ? process.env.FIXTURES_ONLY : argv[onlyAt + 1]
const only = onlyList === undefined ? undefined : new Set(onlyList.split(','))
const positional = argv
  .slice(2)
  .filter((a, i, all) => !a.includes('=') && a !== '--only' && all[i - 1] !== '--only')

let scratch
for (const [i, source] of sources.entries()) {
  if (only && !only.has(source.folder)) continue
  let dir = positional[i] ?? named.get(source.folder)
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
for (const source of picked) {
  if (only && !only.has(source.folder)) continue
  let dir = named.get(source.folder)
  if (!dir) {
    scratch ??= mkdtempSync(join(tmpdir(), 'standin-fixtures-'))
    dir = join(scratch, source.folder)
    // Blobs on demand: mlflow's full snapshot is close to a gigabyte.
    execFileSync('git', ['clone', '--bare', '--depth=1', '--filter=blob:none', source.url, dir], {
      stdio: 'inherit',
    })
  }
  const head = git(dir, 'rev-parse', 'HEAD').toString().trim()
  const target = join(fixtures, source.folder)
  const lines = [source.url, `commit ${head} (HEAD) unless a file names its own`, 'files:']
  for (const file of source.files) {
    let rev = head
    try {
      git(dir, 'cat-file', '-e', `${head}:${file.from}`)
    } catch {
      if (!file.commit) throw new Error(`${source.url}: ${file.from} is not at HEAD`)
      if (!named.has(source.folder))
        git(dir, 'fetch', '--depth=1', '--filter=blob:none', 'origin', file.commit)
      rev = file.commit
    }
    const text = git(dir, 'show', `${rev}:${file.from}`)
    mkdirSync(dirname(join(target, file.to)), { recursive: true })
    writeFileSync(join(target, file.to), file.extract ? file.extract(text.toString()) : text)
    lines.push(`  ${file.to} <- ${file.from}${rev === head ? '' : ` @ ${rev}`}`)
  }
  writeFileSync(join(target, source.license), git(dir, 'show', `${head}:${source.license}`))
  writeFileSync(
    join(target, 'SOURCE'),
    `${lines.join('\n')}\nrefreshed by scripts/refresh-fixtures.mjs\n`,
  )
  stdout.write(`${source.folder}: ${source.files.length} files from ${source.url} @ ${head}\n`)
}
if (scratch) rmSync(scratch, { recursive: true, force: true })
