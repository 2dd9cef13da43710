/**
 * The editor helps: the real yaml-language-server (the engine of the VS Code YAML extension),
 * started over stdio, opens a contract whose modeline names
 * `../node_modules/standin/contract.schema.json` in a project where standin is installed, and
 * reports a misspelled key and completes the `x-standin` hints. The editor schema itself is
 * checked against the bundled contracts and the places hints may stand.
 */
import { spawn, execFileSync } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../helpers/run-cli.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

let schema: Record<string, unknown>
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/editor-schema.mjs'], { cwd: root })
  schema = JSON.parse(readFileSync(join(root, 'contract.schema.json'), 'utf8')) as Record<
    string,
    unknown
  >
})

describe('contract.schema.json (the editor edition)', () => {
  it('accepts every bundled contract and places x-standin hints only where they may stand', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }))
    const validate = ajv.compile(schema)
    for (const file of readdirSync(join(root, 'contracts'))) {
      const contract = parse(readFileSync(join(root, 'contracts', file), 'utf8')) as unknown
      expect(validate(contract), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
    const base = parse(
      readFileSync(join(root, 'contracts', 'transaction-classifier.contract.yaml'), 'utf8'),
    ) as { input: { properties: Record<string, Record<string, unknown>> } }
    const withHint = (hint: Record<string, unknown>): unknown => {
      const copy = structuredClone(base)
      copy.input.properties['narration'] = {
        ...copy.input.properties['narration'],
        'x-standin': hint,
      }
      return copy
    }
    expect(validate(withHint({ faker: 'finance.accountName' }))).toBe(true)
    // An output hint in the input schema is refused: it points into the output.
    expect(validate(withHint({ argmaxOf: '/scores' }))).toBe(false)
    expect(validate({ ...base, 'x-standin': { faker: 'person.fullName' } })).toBe(false)
  })
})

/** A minimal LSP client over stdio: Content-Length framing, requests, notifications. */
function lspClient(child: ChildProcessWithoutNullStreams, settings: unknown) {
  let buffer = Buffer.alloc(0)
  let nextId = 1
  const pending = new Map<number, (result: unknown) => void>()
  const notifications: { method: string; params: unknown }[] = []
  const waiters: (() => void)[] = []
  const send = (message: object): void => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }))
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`)
    child.stdin.write(body)
  }
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk])
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n')
      if (end === -1) return
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1])
      if (buffer.length < end + 4 + length) return
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()) as {
        id?: number
        method?: string
        params?: unknown
        result?: unknown
      }
      buffer = buffer.subarray(end + 4 + length)
      if (message.method !== undefined && message.id !== undefined) {
        // A request from the server: configuration gets the settings, the rest null.
        const items = (message.params as { items?: unknown[] } | undefined)?.items ?? []
        send({
          id: message.id,
          result: message.method === 'workspace/configuration' ? items.map(() => settings) : null,
        })
      } else if (message.method !== undefined) {
        notifications.push({ method: message.method, params: message.params })
        for (const wake of waiters.splice(0)) wake()
      } else if (message.id !== undefined) {
        pending.get(message.id)?.(message.result)
        pending.delete(message.id)
      }
    }
  })
  return {
    request: (method: string, params: unknown): Promise<unknown> =>
      new Promise((resolve) => {
        const id = nextId++
        pending.set(id, resolve)
        send({ id, method, params })
      }),
    notify: (method: string, params: unknown): void => send({ method, params }),
    /** Resolves with the first notification `accept` returns a value for. */
    async until<T>(accept: (n: { method: string; params: unknown }) => T | undefined): Promise<T> {
      for (;;) {
        for (const n of notifications) {
          const found = accept(n)
          if (found !== undefined) return found
        }
        await new Promise<void>((wake) => waiters.push(wake))
      }
    },
  }
}

describe('yaml-language-server with the modeline', () => {
  let project: string
  let child: ChildProcessWithoutNullStreams | undefined

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'standin-editor-'))
    mkdirSync(join(project, 'node_modules', 'standin'), { recursive: true })
    mkdirSync(join(project, 'contracts'))
    cpSync(
      join(root, 'contract.schema.json'),
      join(project, 'node_modules', 'standin', 'contract.schema.json'),
    )
  })
  afterAll(() => {
    child?.kill()
    rmSync(project, { recursive: true, force: true })
  })

  it('reports a misspelled key, completes JSON Schema keywords and x-standin hints', async () => {
    const text = [
      '# yaml-language-server: $schema=../node_modules/standin/contract.schema.json',
      'contract: 1',
      'name: scorer',
      'version: 1.0.0',
      'descripton: a misspelled key',
      'protocol: json',
      'input:',
      '  type: object',
      '  ',
      'output:',
      '  type: object',
      '  properties:',
      '    label:',
      '      type: string',
      '      x-standin:',
      '        ',
      '',
    ].join('\n')
    const file = join(project, 'contracts', 'scorer.contract.yaml')
    writeFileSync(file, text)
    const uri = pathToFileURL(file).href
    const settings = {
      validate: true,
      completion: true,
      hover: true,
      schemaStore: { enable: false },
      schemas: {},
    }
    child = spawn(
      process.execPath,
      [
        join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
        '--stdio',
      ],
      { cwd: project },
    )
    const lsp = lspClient(child, settings)
    await lsp.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: false } },
          publishDiagnostics: {},
        },
        workspace: { configuration: true },
      },
      initializationOptions: {},
    })
    lsp.notify('initialized', {})
    lsp.notify('workspace/didChangeConfiguration', { settings: { yaml: settings } })
    lsp.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    })
    const diagnostics = await lsp.until((n) => {
      if (n.method !== 'textDocument/publishDiagnostics') return undefined
      const params = n.params as {
        uri: string
        diagnostics: { message: string; range: { start: { line: number } } }[]
      }
      return params.uri === uri && params.diagnostics.length > 0 ? params.diagnostics : undefined
    })
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/descripton/) as unknown,
        range: expect.objectContaining({ start: expect.objectContaining({ line: 4 }) }) as unknown,
      }),
    )
    const completion = (await lsp.request('textDocument/completion', {
      textDocument: { uri },
      position: { line: 15, character: 8 },
    })) as { items: { label: string }[] } | { label: string }[]
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label)
    expect(labels).toEqual(expect.arrayContaining(['argmaxOf', 'sumTo', 'faker', 'order']))
    // JSON Schema 2020-12 keywords inside input (and output).
    const keywords = (await lsp.request('textDocument/completion', {
      textDocument: { uri },
      position: { line: 8, character: 2 },
    })) as { items: { label: string }[] } | { label: string }[]
    expect((Array.isArray(keywords) ? keywords : keywords.items).map((i) => i.label)).toEqual(
      expect.arrayContaining([
        'properties',
        'required',
        'additionalProperties',
        'maxLength',
        '$defs',
      ]),
    )
    await lsp.request('shutdown', null)
    lsp.notify('exit', null)
  }, 60_000)
})
