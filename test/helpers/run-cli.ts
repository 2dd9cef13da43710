/**
 * Runs the CLI two ways: in-process through `main` (fast, for most assertions) and as a real
 * child process of the built bin (for exit codes, signals and stdout/stderr separation).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main.js'

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The project root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))

/** The built bin (`npm run build` runs before the tests). */
export const binPath = fileURLToPath(new URL('../../dist/bin/standin.js', import.meta.url))

/** Runs `standin ...argv` in-process. */
export async function runInProcess(
  argv: readonly string[],
  cwd = root,
  env: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    env: { NO_COLOR: '1', ...env },
    isTTY: false,
  })
  return { code, stdout, stderr }
}

/** Runs `standin ...argv` as a child process and waits for it to exit (killed after `timeoutMs`). */
export function runBin(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...argv], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? (signal ? 128 : 2), stdout, stderr })
    })
  })
}

/**
 * Lint lines without their `:line:column` (`a.yaml:4:10#/input` → `a.yaml#/input`), for tests
 * about what a problem says rather than where lint located it (test/cli/lint.test.ts checks that).
 */
export function positionless(text: string): string {
  return text.replace(/:\d+:\d+#/g, '#')
}
