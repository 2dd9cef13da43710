/**
 * The runner every story uses: lint the contract, serve the stand-in, run the service's tests
 * against it, start the real model, verify it, write the reports, stop everything it started.
 * Exits 0 when every step did what the story expects (with `--broken`: verify must FAIL), 1 when
 * a step did not, 2 when the story could not run (no build, a process that never came up).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join, relative } from 'node:path'

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))
/** The built CLI (`npm run build` writes it). */
export const cli = join(root, 'dist/src/cli/bin.js')

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

interface Started {
  readonly child: ChildProcess
  readonly url: string
}

const children = new Set<ChildProcess>()

function prefixLines(prefix: string, text: string): string {
  return text
    .split('\n')
    .filter((line, i, all) => line.length > 0 || i < all.length - 1)
    .map((line) => `${prefix}${line}`)
    .join('\n')
}

/** Runs to completion, streaming output indented under the step. */
function runCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    const forward = (chunk: Buffer): void =>
      void process.stdout.write(prefixLines('    │ ', chunk.toString()) + '\n')
    child.stdout.on('data', forward)
    child.stderr.on('data', forward)
    child.on('close', (code, signal) => {
      children.delete(child)
      resolve(code ?? (signal ? 128 : 2))
    })
    child.on('error', () => resolve(2))
  })
}

/** Runs to completion and returns what it printed on stdout. */
function captureCommand(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('close', () => resolve(out))
  })
}

/** Starts a long-running server and waits (up to `timeoutMs`) for the first `http://127.0.0.1:PORT` it prints. */
function startServer(
  command: string,
  args: readonly string[],
  timeoutMs = 20_000,
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    let output = ''
    let done = false
    const timer = setTimeout(
      () => finish(new Error(`no address printed within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    )
    const finish = (error?: Error, url?: string): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (error) reject(error)
      else resolve({ child, url: url! })
    }
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString()
      output += text
      if (!done) process.stdout.write(prefixLines('    │ ', text) + '\n')
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (match && Number(match[1]) > 0) finish(undefined, `http://127.0.0.1:${match[1]}`)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => {
      children.delete(child)
      finish(new Error(`exited with ${code ?? 'a signal'} before printing its address:\n${output}`))
    })
  })
}

/** Stops a started server: SIGTERM, then SIGKILL after 3 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}

/** Runs one story from `process.argv`, then exits the process with the story's code. */
export async function runStory(options: StoryOptions): Promise<never> {
  const broken = process.argv.includes('--broken')
  const storyStart = performance.now()
  const reportsDir = join(root, 'examples', options.name, 'reports')
  const rows: { step: string; ms: number; outcome: string }[] = []
  let failed = false
  const started: ChildProcess[] = []
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
    await Promise.all([...started, ...children].map(stop))
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
      runCommand(process.execPath, [cli, 'lint', options.contract]),
    )
    mark(lint === 0, lint === 0 ? 'the contract is sound' : `standin lint exited ${lint}`)
    if (lint !== 0) return exit(1)

    const typesFile = join('examples', options.name, 'service/generated/contracts.ts')
    const current = await step(
      `1b. ${typesFile} matches the contract (standin types)`,
      async () => {
        const generated = await captureCommand(process.execPath, [
          cli,
          'types',
          options.contract,
          '--out',
          '-',
        ])
        return generated === readFileSync(join(root, typesFile), 'utf8')
      },
    )
    mark(
      current,
      current
        ? 'the service compiles against the contract it is tested with'
        : `stale: run standin types ${options.contract} --out ${dirname(typesFile)}`,
    )

    const standin = await step('2. serve the stand-in (standin serve)', () =>
      startServer(process.execPath, [cli, 'serve', options.contract, '--port', '0', '--seed', '7']),
    )
    started.push(standin.child)
    mark(true, `stand-in at ${standin.url}`)

    const tests = await step(`3. the service's tests against the stand-in`, () =>
      runCommand(
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
        startServer(process.execPath, [
          '--import',
          'tsx',
          join('examples', options.name, 'model/server.ts'),
          '--port',
          '0',
          ...(broken ? ['--broken'] : []),
        ]),
    )
    started.push(model.child)
    mark(true, `model at ${model.url}`)

    const base = join('examples', options.name, 'reports', broken ? 'verify-broken' : 'verify')
    const verify = await step('5. standin verify against the real model', () =>
      runCommand(process.execPath, [
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
    if (broken)
      mark(
        verify === 1,
        verify === 1
          ? 'verify failed the broken model, as it should'
          : `verify exited ${verify}; expected 1`,
      )
    else
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
          return runCommand(command, args, env)
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
