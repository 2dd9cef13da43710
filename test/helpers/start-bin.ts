/**
 * Starts a long-running child process (the built `standin serve`, or a peer such as Prism) and
 * resolves once its output shows it is ready; `stop` kills it and waits for it to exit.
 */
import { spawn, type ChildProcess } from 'node:child_process'

/** A started child: the first match of `ready` in its output, its output so far, and `stop`. */
export interface Started {
  readonly match: RegExpExecArray
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/**
 * Spawns `command args` and waits until `ready` matches its stdout or stderr (rejects when it
 * exits first or `timeoutMs` passes, with its output).
 */
export function startProcess(
  command: string,
  args: readonly string[],
  ready: RegExp,
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Started> {
  const child: ChildProcess = spawn(command, args, {
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop().then(() =>
        reject(new Error(`not ready within ${options.timeoutMs ?? 30_000} ms:\n${output}`)),
      )
    }, options.timeoutMs ?? 30_000)
    const check = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = ready.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ match, output: () => output, stop })
      }
    }
    child.stdout?.on('data', check)
    child.stderr?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${command} exited ${code} before it was ready:\n${output}`))
    })
  })
}
