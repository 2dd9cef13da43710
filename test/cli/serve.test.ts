import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { binPath, root, runBin, runInProcess } from '../helpers/run-cli.js'

const children: ChildProcessWithoutNullStreams[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

/** Starts `standin serve ...` and resolves once its banner is printed, with the URL. */
function serve(args: string[], cwd = root) {
  const child = spawn(process.execPath, [binPath, 'serve', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (match) resolve(match[1] as string)
    }
    child.stdout.on('data', check)
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)))
  })
  return { child, ready, exited, out: () => stdout, err: () => stderr }
}

it('serves every contract in a folder, prints the chosen port, routes and a curl line, and stops on SIGINT', async () => {
  const run = serve(['contracts', '--port', '0', '--latency', '0'])
  const url = await run.ready
  const banner = run.out()
  expect(banner).toMatch(
    /^standin serving 5 contracts at http:\/\/127\.0\.0\.1:\d+ \(each contract's seed\)\n/,
  )
  expect(banner).toContain('  ticket-router@')
  expect(banner).toContain('POST /v2/models/ticket-router/infer')
  expect(banner).toContain('POST /v1/models/news-signals:predict')
  expect(banner).toContain('POST /invocations')
  expect(banner).toContain('POST /v1/chat/completions')
  // The curl line works as printed.
  const curl = new RegExp(
    `Try:\\n  curl -s ${url}(\\S+) -H 'content-type: application/json' -d '(.*)'\\n`,
  ).exec(banner)
  expect(curl).not.toBeNull()
  const listing = (await (await fetch(`${url}/_standin`)).json()) as {
    contracts: { name: string; version: string }[]
  }
  expect(listing.contracts.map((c) => c.name)).toEqual([
    'fuel-consumption',
    'news-signals',
    'support-email-extractor',
    'ticket-router',
    'transaction-classifier',
  ])
  const answer = await fetch(`${url}${curl?.[1] ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: curl?.[2] ?? '',
  })
  expect(answer.status).toBe(200)
  run.child.kill('SIGINT')
  expect(await run.exited).toBe(0)
  expect(run.out()).toMatch(/standin: stopped\.\n$/)
  expect(run.err()).toBe('')
})

it('stops cleanly on SIGTERM too', async () => {
  const run = serve(['contracts/ticket-router.contract.yaml', '--port', '0'])
  await run.ready
  run.child.kill('SIGTERM')
  expect(await run.exited).toBe(0)
})

it('refuses a port in use with one line and exit 2', async () => {
  const blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  const port = (blocker.address() as { port: number }).port
  try {
    const run = await runBin(['serve', 'contracts', '--port', String(port)])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      `Port ${port} on 127.0.0.1 is in use. Stop the other server or pick another port with --port (0 picks a free one).\n`,
    )
  } finally {
    blocker.close()
  }
})

it('refuses bad flag values with exit 2', async () => {
  expect(await runInProcess(['serve', 'contracts', '--error-rate', '2'])).toEqual({
    code: 2,
    stdout: '',
    stderr: "standin serve: --error-rate must be a number from 0 to 1 such as 0.02, not '2'.\n",
  })
  expect((await runInProcess(['serve', 'contracts', '--port', 'x'])).stderr).toBe(
    "standin serve: --port must be an integer from 0 to 65535, not 'x'.\n",
  )
  expect(
    (await runInProcess(['serve', 'contracts', '--latency', '80..20ms', '--port', '0'])).stderr,
  ).toBe(
    'Invalid latency "80..20ms": min must be at least 0 and max at least min. Write 50ms, 20..80ms (uniform) or p50=40ms,p99=250ms (log-normal).\n',
  )
})

it('reloads a changed contract with --watch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-watch-'))
  try {
    const file = join(dir, 'ticket-router.contract.yaml')
    copyFileSync(join(root, 'contracts/ticket-router.contract.yaml'), file)
    const run = serve([dir, '--port', '0', '--watch'])
    const url = await run.ready
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace(/^version: .*$/m, 'version: 9.9.9'))
    await expect
      .poll(() => run.out(), { timeout: 20_000 })
      .toContain('standin: reloaded ticket-router@9.9.9')
    const listing = (await (await fetch(`${url}/_standin`)).json()) as {
      contracts: { version: string }[]
    }
    expect(listing.contracts[0]?.version).toBe('9.9.9')
    // A broken edit keeps the previous contracts serving.
    writeFileSync(file, 'contract: 1\nname: [\n')
    await expect
      .poll(() => run.err(), { timeout: 20_000 })
      .toContain('standin: kept the previous contracts')
    expect((await fetch(`${url}/v2/models/ticket-router`)).status).toBe(200)
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('keeps reloading with --watch when an editor saves by rename, save after save', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-watch-rename-'))
  try {
    const file = join(dir, 'ticket-router.contract.yaml')
    copyFileSync(join(root, 'contracts/ticket-router.contract.yaml'), file)
    const run = serve([file, '--port', '0', '-w'])
    await run.ready
    const text = readFileSync(file, 'utf8')
    for (const version of ['7.0.1', '7.0.2', '7.0.3']) {
      // What vim, VS Code and JetBrains do: write a temporary file, rename it over the original.
      const temporary = join(dir, `.ticket-router.contract.yaml.${version}.tmp`)
      writeFileSync(temporary, text.replace(/^version: .*$/m, `version: ${version}`))
      renameSync(temporary, file)
      await expect
        .poll(() => run.out(), { timeout: 20_000 })
        .toContain(`standin: reloaded ticket-router@${version}`)
    }
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('reloads with --watch when a file a contract $refs changes, in a subfolder or in one made after the start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-watch-refs-'))
  try {
    mkdirSync(join(dir, 'schemas'))
    const output = (enumOrRef: object): string =>
      JSON.stringify({ type: 'object', required: ['y'], properties: { y: enumOrRef } })
    writeFileSync(join(dir, 'schemas', 'in.json'), JSON.stringify({ type: 'object' }))
    writeFileSync(join(dir, 'schemas', 'out.json'), output({ const: 'first' }))
    writeFileSync(
      join(dir, 'refs.contract.yaml'),
      [
        'contract: 1',
        'name: refs',
        'version: 1.0.0',
        'protocol: json',
        'endpoint: { method: POST, path: /p }',
        "input: { $ref: './schemas/in.json' }",
        "output: { $ref: './schemas/out.json' }",
        '',
      ].join('\n'),
    )
    const run = serve([join(dir, 'refs.contract.yaml'), '--port', '0', '--watch', '--latency', '0'])
    const url = await run.ready
    const answer = async (): Promise<unknown> =>
      (
        await fetch(`${url}/p`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()
    expect(await answer()).toEqual({ y: 'first' })
    writeFileSync(join(dir, 'schemas', 'out.json'), output({ const: 'second' }))
    await expect.poll(answer, { timeout: 20_000 }).toEqual({ y: 'second' })
    // A $ref into a folder that does not exist yet: kept the previous contract, then reloaded
    // once the folder and its file are made.
    writeFileSync(join(dir, 'schemas', 'out.json'), output({ $ref: '../shared/y/value.json' }))
    await expect
      .poll(() => run.err(), { timeout: 20_000 })
      .toContain('standin: kept the previous contracts')
    mkdirSync(join(dir, 'shared', 'y'), { recursive: true })
    writeFileSync(join(dir, 'shared', 'y', 'value.json'), JSON.stringify({ const: 'third' }))
    await expect.poll(answer, { timeout: 20_000 }).toEqual({ y: 'third' })
    writeFileSync(join(dir, 'shared', 'y', 'value.json'), JSON.stringify({ const: 'fourth' }))
    await expect.poll(answer, { timeout: 20_000 }).toEqual({ y: 'fourth' })
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('prints its help from the same spec the parser uses', async () => {
  const run = await runInProcess(['serve', '--help'])
  expect(run.code).toBe(0)
  expect(run.stdout).toBe(
    [
      'Usage: standin serve <contract|dir>... [options]',
      '',
      'Serve stand-in models over HTTP',
      '',
      'Arguments:',
      '  <contract|dir>                        Contract files, or folders of *.contract.{yaml,yml,json}',
      '',
      'Options:',
      '  -p, --port <N>                        Port to listen on; 0 picks a free one (default 4010)',
      '      --host <HOST>                     Interface to bind (default 127.0.0.1)',
      "  -s, --seed <S>                        Seed of every random choice (default the contract's mock.seed, else 1)",
      '  -l, --latency <SPEC>                  Latency: 20..80ms (uniform), p50=40ms,p99=250ms (log-normal), 0 (default mock.latency)',
      '      --error-rate <RATE>               Share of requests failed with a 500, seeded (0..1) (default mock.errorRate or 0)',
      '      --time-to-first-token <DURATION>  openai-chat streams: delay before the first token (300ms) (default mock.timeToFirstToken, else half the promised p50)',
      '      --tokens-per-second <RATE>        openai-chat streams: content tokens per second (default mock.tokensPerSecond, else twice the promised p50)',
      '      --body-limit <SIZE>               Largest request body (413 above it) (default 1mb)',
      '      --max-keys <N>                    Most keys in one object of a request (400 above it) (default 1000)',
      '      --max-items <N>                   Most items in one array of a request (400 above it) (default 200000)',
      '      --max-string-length <N>           Most characters in one string of a request (400 above it) (default 100000)',
      '      --allowed-host <NAME>             A Host name to answer besides localhost and IP addresses (loopback binds; DNS rebinding guard) (repeatable)',
      '  -w, --watch                           Reload contracts when their files change (editors that save by rename too)',
      '      --cors                            Let web pages on any origin call the stand-in (CORS preflights answered)',
      '      --[no-]color                      Colour on or off (else FORCE_COLOR, NO_COLOR, the terminal)',
      '  -h, --help                            Show this help',
      '',
      'Examples:',
      '  standin serve contracts/',
      '  standin serve contracts/ticket-router.contract.yaml --port 0 --latency 20..80ms --error-rate 0.02',
      '',
      'Per request, the header x-standin-scenario: error | slow | timeout | invalid-output | rate-limit forces one case (openai-chat also: stream-cut | length | refusal).',
      '',
    ].join('\n'),
  )
})

it('refuses a folder without contracts with exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-empty-'))
  try {
    const run = await runInProcess(['serve', dir, '--port', '0'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      `${dir}#: the folder holds no *.contract.yaml, *.contract.yml or *.contract.json file. Name contract files <name>.contract.yaml, or point at the files themselves.\n`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('answers CORS preflights with --cors and says so in the banner', async () => {
  const run = serve(['contracts/transaction-classifier.contract.yaml', '--port', '0', '--cors'])
  const url = await run.ready
  await new Promise((resolve) => setTimeout(resolve, 50)) // the rest of the banner
  expect(run.out()).toContain('CORS: web pages on any origin may call these routes.')
  const response = await fetch(`${url}/predict`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
  })
  expect(response.status).toBe(204)
  expect(response.headers.get('access-control-allow-origin')).toBe('*')
  run.child.kill('SIGTERM')
  expect(await run.exited).toBe(0)
})

it('warns on stderr when bound to a non-loopback address, and not on loopback', async () => {
  const open = spawn(
    process.execPath,
    [
      binPath,
      'serve',
      'contracts/transaction-classifier.contract.yaml',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
    ],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
  )
  children.push(open)
  let stdout = ''
  let stderr = ''
  open.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  open.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  await new Promise<void>((resolve) => {
    const check = (): void => void (/at http:\/\/0\.0\.0\.0:\d+/.test(stdout) && resolve())
    open.stdout.on('data', check)
  })
  expect(stderr).toBe(
    'standin: warning: bound to 0.0.0.0, so other machines can reach the stand-in (and its /_standin listing). Bind 127.0.0.1 (the default) unless that is what you want.\n',
  )
  const local = serve(['contracts/transaction-classifier.contract.yaml', '--port', '0'])
  await local.ready
  expect(local.err()).toBe('')
})
