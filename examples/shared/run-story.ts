/**
 * The runner every story uses: lint the contract, serve the stand-in, run the service's tests
 * against it, start the real model, verify it, write the reports, stop everything it started.
 * Exits 0 when every step did what the story expects (with `--broken`: verify must FAIL), 1 when
 * a step did not, 2 when the story could not run (no build, a process that never came up).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getProtocol, loadContract } from 'standin'
import { createProcessGroup } from './process-group.js'

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))
/** The built CLI (`npm run build` writes it). */
export const cli = join(root, 'dist/bin/standin.js')

export interface StoryOptions {
  /** Folder name under `examples/`. */
  readonly name: string
  /** Contract file, relative to the root. */
  readonly contract: string
  /** The service's test files or folder, relative to the root. */
  readonly tests: string
  /** Environment variable through which the tests receive the stand-in's URL (node:http stories). */
  readonly urlVariable?: string
  /** Extra `standin verify` flags (for example `--cases 60`). */
  readonly verifyArgs?: readonly string[]
  /** The ids of the verify checks the broken model must fail (all of them, and no others). */
  readonly brokenFails: readonly string[]
  /** Extra steps after verify (a stress test, a demo of the swap). Return false to fail the story. */
  readonly after?: (context: StoryContext) => Promise<boolean>
  /** What the story shows, printed first. */
  readonly title: string
}

export interface StoryContext {
  readonly broken: boolean
  readonly modelUrl: string
  readonly standinUrl: string
  readonly reportsDir: string
  /** Runs a command to completion, output streamed with a prefix; resolves its exit code. */
  readonly run: (
    label: string,
    command: string,
    args: readonly string[],
    env?: Record<string, string>,
  ) => Promise<number>
}

/**
 * The swap, as an `after` step: the service runs on the stand-in, then (unless the model is the
 * broken one, which failed verify) the same service with only `--model-url` changed.
 *
 * @example
 * after: swapService('service', ['examples/news-signals/service/main.ts', '--limit', '40'])
 */
export function swapService(
  label: string,
  service: readonly string[],
): (context: StoryContext) => Promise<boolean> {
  return async ({ broken, modelUrl, standinUrl, run }) => {
    const args = (url: string): string[] => ['--import', 'tsx', ...service, '--model-url', url]
    const before = await run(`${label} on the stand-in`, process.execPath, args(standinUrl))
    if (broken) {
      console.log('  the broken model failed verify: the service stays on the stand-in')
      return before === 0
    }
    console.log('  swap: the same service, only --model-url changed')
    const after = await run(`${label} on the real model`, process.execPath, args(modelUrl))
    return before === 0 && after === 0
  }
}

/** Sends the contract's first example to a server on its protocol and prints the request and answer. */
async function showExample(contractFile: string, baseUrl: string): Promise<void> {
  const contract = await loadContract(join(root, contractFile))
  const example = contract.examples[0]
  if (!example) return
  const request = getProtocol(contract.protocol).encodeRequest(contract, [example.input])
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    headers: request.headers,
    body: JSON.stringify(request.body),
  })
  const text = await response.text()
  console.log(
    `  ${request.method} ${request.path} (example "${example.name}") -> ${response.status}`,
  )
  console.log(`    ${text.length > 240 ? `${text.slice(0, 240)}…` : text}`)
}

/** The ids of the failed checks in a verify JSON report, sorted (empty when it cannot be read). */
function failedCheckIds(file: string): string[] {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      checks?: { id: string; status: string }[]
    }
    return (report.checks ?? [])
      .filter((c) => c.status === 'failed')
      .map((c) => c.id)
      .sort()
  } catch {
    return []
  }
}

/** Runs one story from `process.argv`, then exits the process with the story's code. */
export async function runStory(options: StoryOptions): Promise<never> {
  const broken = process.argv.includes('--broken')
  const storyStart = performance.now()
  const reportsDir = join(root, 'examples', options.name, 'reports')
  const rows: { step: string; ms: number; outcome: string }[] = []
  let failed = false
  const processes = createProcessGroup(root)
  const step = async <T>(label: string, body: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    console.log(`\n▶ ${label}`)
    try {
      const value = await body()
      return value
    } finally {
      rows.push({ step: label, ms: Math.round(performance.now() - t0), outcome: '' })
    }
  }
  const mark = (ok: boolean, text: string): void => {
    rows[rows.length - 1] = {
      ...rows[rows.length - 1]!,
      outcome: `${ok ? 'ok  ' : 'FAIL'} ${text}`,
    }
    console.log(`  ${ok ? '✔' : '✘'} ${text}`)
    if (!ok) failed = true
  }
  const exit = async (code: number): Promise<never> => {
    await processes.stopAll()
    console.log(
      `\n${options.name}${broken ? ' --broken' : ''}: ${((performance.now() - storyStart) / 1000).toFixed(1)} s`,
    )
    for (const row of rows)
      console.log(`  ${row.step.padEnd(44)} ${String(row.ms).padStart(6)} ms  ${row.outcome}`)
    console.log(
      code === 0
        ? `\nstory passed${broken ? ' (verify caught the broken model, as it should)' : ''}`
        : `\nstory FAILED (exit ${code})`,
    )
    process.exit(code)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void exit(130))

  console.log(`${options.title}\n`)
  if (!existsSync(cli)) {
    console.error(
      `standin is not built: ${relative(root, cli)} is missing. Run npm run build first.`,
    )
    return exit(2)
  }
  mkdirSync(reportsDir, { recursive: true })
  try {
    const lint = await step(`1. lint ${options.contract}`, () =>
      processes.run(process.execPath, [cli, 'lint', options.contract]),
    )
    mark(lint === 0, lint === 0 ? 'the contract is sound' : `standin lint exited ${lint}`)
    if (lint !== 0) return exit(1)

    const typesFile = join('examples', options.name, 'service/generated/contracts.ts')
    const current = await step('1b. generated types match the contract', async () => {
      const generated = await processes.capture(process.execPath, [
        cli,
        'types',
        options.contract,
        '--out',
        '-',
      ])
      return generated === readFileSync(join(root, typesFile), 'utf8')
    })
    mark(
      current,
      current
        ? 'the service compiles against the contract it is tested with'
        : `stale: run standin types ${options.contract} --out ${dirname(typesFile)}`,
    )

    const standin = await step('2. serve the stand-in (standin serve)', () =>
      processes.start(process.execPath, [
        cli,
        'serve',
        options.contract,
        '--port',
        '0',
        '--seed',
        '7',
      ]),
    )
    mark(true, `stand-in at ${standin.url}`)
    await showExample(options.contract, standin.url)

    const tests = await step(`3. the service's tests against the stand-in`, () =>
      processes.run(
        process.execPath,
        [
          join(root, 'node_modules/vitest/vitest.mjs'),
          'run',
          options.tests,
          '--reporter',
          'verbose',
        ],
        {
          ...(options.urlVariable ? { [options.urlVariable]: standin.url } : {}),
        },
      ),
    )
    mark(
      tests === 0,
      tests === 0 ? 'the service works against the stand-in' : `vitest exited ${tests}`,
    )

    const model = await step(
      `4. train and start the real model${broken ? ' (--broken)' : ''}`,
      () =>
        processes.start(process.execPath, [
          '--import',
          'tsx',
          join('examples', options.name, 'model/server.ts'),
          '--port',
          '0',
          ...(broken ? ['--broken'] : []),
        ]),
    )
    mark(true, `model at ${model.url}`)

    const base = join('examples', options.name, 'reports', broken ? 'verify-broken' : 'verify')
    const verify = await step('5. standin verify against the real model', () =>
      processes.run(process.execPath, [
        cli,
        'verify',
        options.contract,
        '--target',
        model.url,
        '--seed',
        '7',
        '--reporter',
        'console',
        '--reporter',
        `html:${base}.html`,
        '--reporter',
        `junit:${base}.junit.xml`,
        '--reporter',
        `json:${base}.json`,
        ...(options.verifyArgs ?? []),
      ]),
    )
    if (broken) {
      const failedChecks = failedCheckIds(join(root, `${base}.json`))
      const expected = [...options.brokenFails].sort()
      const caught = verify === 1 && JSON.stringify(failedChecks) === JSON.stringify(expected)
      mark(
        caught,
        caught
          ? `verify failed the broken model, as it should, on: ${failedChecks.join(', ')}`
          : `verify exited ${verify} failing [${failedChecks.join(', ')}]; expected exit 1 failing [${expected.join(', ')}]`,
      )
    } else
      mark(
        verify === 0,
        verify === 0 ? 'the real model honours the contract' : `verify exited ${verify}`,
      )
    const reportsOk = ['.html', '.junit.xml', '.json'].every((ext) =>
      existsSync(join(root, `${base}${ext}`)),
    )
    console.log(
      `  reports: ${base}.html, ${base}.junit.xml, ${base}.json${reportsOk ? '' : ' (MISSING)'}`,
    )
    if (!reportsOk) failed = true

    if (options.after) {
      const context: StoryContext = {
        broken,
        modelUrl: model.url,
        standinUrl: standin.url,
        reportsDir,
        run: (label, command, args, env) => {
          console.log(`  ${label}:`)
          return processes.run(command, args, env)
        },
      }
      const ok = await step('6. after the swap', () => options.after!(context))
      mark(ok, ok ? 'done' : 'failed')
    }
  } catch (error) {
    console.error(`  ✘ ${error instanceof Error ? error.message : String(error)}`)
    return exit(2)
  }
  return exit(failed ? 1 : 0)
}
