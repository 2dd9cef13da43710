/**
 * The child processes a story starts, tracked so the story can stop every one of them (and only
 * them) when it ends, passes or fails. Output is streamed indented under the current step.
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface Started {
  readonly child: ChildProcess
  /** The first `http://127.0.0.1:PORT` the process printed. */
  readonly url: string
}

export interface ProcessGroup {
  /** Runs to completion, output streamed; resolves the exit code. */
  run(command: string, args: readonly string[], env?: Record<string, string>): Promise<number>
  /** Runs to completion; resolves what it printed on stdout. */
  capture(command: string, args: readonly string[]): Promise<string>
  /** Starts a server and waits (up to `timeoutMs`) for the address it prints. */
  start(command: string, args: readonly string[], timeoutMs?: number): Promise<Started>
  /** SIGTERM to every process still running, SIGKILL after 3 s. */
  stopAll(): Promise<void>
}

function indent(text: string): string {
  return text
    .split('\n')
    .filter((line, i, all) => line.length > 0 || i < all.length - 1)
    .map((line) => `    │ ${line}`)
    .join('\n')
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}

export function createProcessGroup(cwd: string): ProcessGroup {
  const children = new Set<ChildProcess>()
  const spawnTracked = (
    command: string,
    args: readonly string[],
    env: Record<string, string> = {},
  ): ChildProcess => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    child.on('exit', () => children.delete(child))
    return child
  }
  return {
    run: (command, args, env) =>
      new Promise((resolve) => {
        const child = spawnTracked(command, args, env)
        const forward = (chunk: Buffer): void =>
          void process.stdout.write(indent(chunk.toString()) + '\n')
        child.stdout?.on('data', forward)
        child.stderr?.on('data', forward)
        child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 2)))
        child.on('error', () => resolve(2))
      }),
    capture: (command, args) =>
      new Promise((resolve, reject) => {
        const child = spawnTracked(command, args)
        let out = ''
        child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child.stderr?.on(
          'data',
          (chunk: Buffer) => void process.stdout.write(indent(chunk.toString()) + '\n'),
        )
        child.on('error', reject)
        child.on('close', () => resolve(out))
      }),
    start: (command, args, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const child = spawnTracked(command, args)
        let output = ''
        let done = false
        const finish = (error?: Error, url?: string): void => {
          if (done) return
          done = true
          clearTimeout(timer)
          if (error) reject(error)
          else resolve({ child, url: url! })
        }
        const timer = setTimeout(
          () => finish(new Error(`no address printed within ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        )
        const onData = (chunk: Buffer): void => {
          const text = chunk.toString()
          output += text
          if (!done) process.stdout.write(indent(text) + '\n')
          const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
          if (match && Number(match[1]) > 0) finish(undefined, `http://127.0.0.1:${match[1]}`)
        }
        child.stdout?.on('data', onData)
        child.stderr?.on('data', onData)
        child.on('exit', (code) =>
          finish(
            new Error(`exited with ${code ?? 'a signal'} before printing its address:\n${output}`),
          ),
        )
      }),
    stopAll: async () => {
      await Promise.all([...children].map(stop))
    },
  }
}
