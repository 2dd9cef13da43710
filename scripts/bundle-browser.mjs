// Bundles `standin/browser` (src/browser.ts, as tsc compiled it) into dist/browser/standin.js: one
// ES module with ajv, yaml and faker inside and no Node built-in left, so any bundler (Vite,
// webpack, esbuild) or a plain <script type="module"> takes it. msw stays an import, resolved to
// the application's own copy so that its `setupWorker` accepts the handlers.
//
// What the browser lacks is replaced here, and nowhere in src/: node:path by pathe (POSIX
// paths, for `$ref` resolution inside a contract), the file system by functions that say the
// browser reads no files, node:http and the express and nock adapters by functions that say they
// are Node-only, `createRequire('msw')` by the imported msw, standin's version by the package's.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cwd } from 'node:process'
import { build } from 'esbuild'

const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
const outdir = 'dist/browser'

const nodeOnly = (what) =>
  `() => { throw new Error(${JSON.stringify(`${what} is not available in standin/browser, which reads no files and opens no ports: pass loadContract the contract itself (imported by your bundler), and use mswHandlers or createMock.`)}) }`

const stubs = {
  'node:fs': `export const existsSync = () => false
export const readFileSync = ${nodeOnly('reading files')}
export const watch = ${nodeOnly('watching files')}
export const statSync = ${nodeOnly('reading files')}
export const fstatSync = ${nodeOnly('reading files')}
export const openSync = ${nodeOnly('reading files')}
export const closeSync = ${nodeOnly('reading files')}
export const mkdirSync = ${nodeOnly('keeping caches')}`,
  'node:fs/promises': `const refuse = async (path) => { const error = new Error('standin/browser reads no files (' + path + '): pass loadContract the contract itself, imported by your bundler'); throw error }
export const readFile = refuse
export const stat = refuse
export const readdir = refuse
export const realpath = refuse
export const lstat = refuse
export const open = refuse
export const mkdir = refuse
export const writeFile = refuse
export const rename = refuse
export const constants = { O_RDONLY: 0, O_NOFOLLOW: 0, O_NONBLOCK: 0 }`,
  'node:http': `export const createServer = ${nodeOnly('standin serve (node:http)')}`,
  'node:module': `import * as msw from 'msw'
const nodeOnlyPeer = ${nodeOnly('the express and nock adapters')}
export const createRequire = () => Object.assign(
  (name) => (name === 'msw' ? msw : nodeOnlyPeer()),
  { resolve: (name) => (name === 'msw' ? 'msw' : nodeOnlyPeer()) },
)`,
  'node:stream': `export class PassThrough { constructor() { (${nodeOnly('the nock adapter')})() } }`,
  'node:url': `export const fileURLToPath = (url) => decodeURIComponent(new URL(url).pathname)
export const pathToFileURL = (path) => new URL('file://' + encodeURI(path))`,
}

const browserPlugin = {
  name: 'standin-browser',
  setup(b) {
    b.onResolve({ filter: /^node:path$/ }, (args) =>
      b.resolve('pathe', { kind: args.kind, resolveDir: args.resolveDir }),
    )
    b.onResolve({ filter: /^node:/ }, (args) => {
      if (!(args.path in stubs))
        return {
          errors: [{ text: `${args.path} has no browser stand-in in scripts/bundle-browser.mjs` }],
        }
      return { path: args.path, namespace: 'node-stub' }
    })
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      contents: stubs[args.path],
      resolveDir: cwd(),
    }))
    b.onLoad({ filter: /[/\\]dist[/\\]src[/\\]version\.js$/ }, () => ({
      contents: `export function standinVersion() { return ${JSON.stringify(version)} }`,
    }))
  },
}

rmSync(outdir, { recursive: true, force: true })
const { metafile } = await build({
  entryPoints: { standin: 'dist/src/browser.js' },
  metafile: true,
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  external: ['msw'],
  plugins: [browserPlugin],
  // `process.cwd()` is where relative contract paths resolve; a page has no such folder.
  banner: { js: "const process = globalThis.process ?? { cwd: () => '/', env: {} }" },
  logLevel: 'warning',
})
// For dist/THIRD-PARTY-NOTICES.md (scripts/write-notices.mjs).
mkdirSync('dist/.meta', { recursive: true })
writeFileSync('dist/.meta/browser.json', JSON.stringify(metafile))
