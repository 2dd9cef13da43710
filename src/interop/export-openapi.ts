/**
 * `standin export openapi`: one OpenAPI 3.1 document for a set of contracts, for the engineers'
 * tools (gateways, client generators, Prism, Schemathesis). Each contract's inference route gets
 * its protocol's request and response bodies around the record schemas, its error answers, its
 * examples; its static routes (health, model metadata) their answers. standin's own keys ride
 * along as extensions: `x-standin-contract` (name, version, protocol, owner, checks, mock, chat)
 * on the operation, `x-standin` hints in the schemas, `x-standin-tolerance` on examples.
 */
import { loadOpenApiParser, type OpenApiParserModule } from './load-openapi-parser.js'
import type { Contract } from '../contract/index.js'
import { joinPointer, schemaObject } from '../json/index.js'
import { getProtocol } from '../protocol/index.js'
import { setOwn } from '../json/index.js'
import { ComponentSchemas } from './export-schemas.js'
import { interopError } from './import-error.js'
import { envelopeOf } from './protocol-envelopes.js'

/** Options of `exportOpenApi`. */
export interface ExportOpenApiOptions {
  /** `info.title` (default: the contract's name, or "standin contracts" for several). */
  readonly title?: string
  /** `info.version` (default: the contract's version, or 0.0.0 for several). */
  readonly version?: string
}

/** Marks the responses `export openapi` writes for a protocol's errors, so import skips them. */
export const PROTOCOL_ERROR = 'x-standin-protocol-error'

const json = 'application/json'

function media(schema: unknown, examples?: Record<string, unknown>): Record<string, unknown> {
  return examples && Object.keys(examples).length > 0 ? { schema, examples } : { schema }
}

/** The paths each contract's routes are served at (json and mlflow under `/{name}` when shared). */
function servedPaths(contracts: readonly Contract[]) {
  const routes = contracts.map((contract) => {
    const protocol = getProtocol(contract.protocol)
    return { contract, protocol, routes: protocol.compile(contract).routes }
  })
  const claims = new Map<string, number>()
  for (const { routes: list } of routes)
    for (const r of list)
      claims.set(`${r.method} ${r.path}`, (claims.get(`${r.method} ${r.path}`) ?? 0) + 1)
  return routes.map(({ contract, protocol, routes: list }) => ({
    contract,
    routes: list.map((route) => ({
      route,
      path:
        protocol.servesByName && (claims.get(`${route.method} ${route.path}`) ?? 0) > 1
          ? `/${contract.name}${route.path}`
          : route.path,
    })),
  }))
}

function examplesOf(contract: Contract, side: 'input' | 'output'): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const protocol = getProtocol(contract.protocol)
  for (const example of contract.examples) {
    if (side === 'output' && example.output === undefined) continue
    const entry: Record<string, unknown> = {}
    if (example.description !== undefined) entry.summary = example.description
    // Inputs as the protocol sends them (json: the record itself).
    entry.value =
      side === 'output'
        ? example.output
        : contract.protocol === 'json'
          ? example.input
          : protocol.encodeRequest(contract, [example.input]).body
    if (side === 'output' && example.tolerance !== undefined)
      entry['x-standin-tolerance'] = example.tolerance
    setOwn(out, example.name, entry)
  }
  return out
}

/** The contract's own keys that OpenAPI has no place for, kept as `x-standin-contract`. */
function contractExtension(contract: Contract): Record<string, unknown> {
  const ext: Record<string, unknown> = {
    name: contract.name,
    version: contract.version,
    protocol: contract.protocol,
  }
  if (contract.owner !== undefined) ext.owner = contract.owner
  if (Object.keys(contract.checks).length > 0) ext.checks = contract.checks
  if (Object.keys(contract.mock).length > 0) ext.mock = contract.mock
  if (contract.endpoint.batch === true) ext.batch = true
  const { model, version } = contract.endpoint
  if (model !== undefined || version !== undefined)
    ext.endpoint = {
      ...(model !== undefined ? { model } : {}),
      ...(version !== undefined ? { version } : {}),
    }
  if (contract.chat !== undefined) ext.chat = contract.chat
  return ext
}

/**
 * One OpenAPI 3.1 document for `contracts`, validated with @readme/openapi-parser before it is
 * returned.
 *
 * @example
 * const document = await exportOpenApi([await loadContract('contracts/transaction-classifier.contract.yaml')])
 * await writeFile('openapi.json', JSON.stringify(document, null, 2))
 *
 * @throws {StandinError} `export.invalid` when two contracts claim one operation, or the
 * document does not pass the parser's validation.
 */
export async function exportOpenApi(
  contracts: readonly Contract[],
  options: ExportOpenApiOptions = {},
): Promise<Record<string, unknown>> {
  const components = new ComponentSchemas()
  const paths: Record<string, Record<string, unknown>> = {}
  for (const { contract, routes } of servedPaths(contracts)) {
    let inferCount = 0
    for (const { route, path } of routes) {
      const item = (paths[path] ??= {})
      const method = route.method.toLowerCase()
      if (Object.hasOwn(item, method))
        throw interopError(
          'export.invalid',
          { source: contract.file ?? contract.name, pointer: '/endpoint' },
          `${route.method} ${path} is served by another contract too`,
          'Give each json contract its own endpoint path.',
        )
      if (route.kind === 'static')
        item[method] = staticOperation(contract, route.answer, path, method)
      else
        item[method] = inferOperation(
          contract,
          components,
          joinPointer('/paths', path, method),
          ++inferCount,
        )
    }
  }
  const [only] = contracts
  const document: Record<string, unknown> = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? (contracts.length === 1 && only ? only.name : 'standin contracts'),
      version: options.version ?? (contracts.length === 1 && only ? only.version : '0.0.0'),
      description: `Written by standin export openapi from ${contracts.length} contract${contracts.length === 1 ? '' : 's'}: ${contracts.map((c) => c.name).join(', ')}.`,
    },
    paths,
    ...(Object.keys(components.schemas).length > 0
      ? { components: { schemas: components.schemas } }
      : {}),
  }
  const { validate } = await loadOpenApiParser()
  const result = await validate(
    structuredClone(document) as unknown as Parameters<OpenApiParserModule['validate']>[0],
    {
      resolve: { external: false, file: false },
    },
  )
  if (!result.valid)
    throw interopError(
      'export.invalid',
      { source: contracts.map((c) => c.file ?? c.name).join(', ') },
      `the OpenAPI document written does not validate: ${(result.errors[0]?.message ?? '').split('\n')[0] ?? ''}`,
      'This is a bug in standin: please report it with the contracts.',
    )
  return document
}

/** A static route (health, model metadata): what the stand-in answers, as the example. */
function staticOperation(
  contract: Contract,
  answer: { readonly status: number; readonly contentType: string; readonly body: string },
  path: string,
  method: string,
): Record<string, unknown> {
  let example: unknown
  try {
    example = JSON.parse(answer.body)
  } catch {
    example = undefined
  }
  return {
    // The whole path: a model's metadata and ready routes repeat under /versions/{v}.
    operationId: `${contract.name}_${method}${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
    summary: `${contract.name}: ${path}`,
    responses: {
      [String(answer.status)]: {
        description: 'What the stand-in answers.',
        ...(example !== undefined
          ? { content: { [answer.contentType]: { schema: {}, example } } }
          : {}),
      },
    },
  }
}

/** The inference route: the protocol's envelopes around the record schemas, errors, examples. */
function inferOperation(
  contract: Contract,
  components: ComponentSchemas,
  at: string,
  count: number,
): Record<string, unknown> {
  const input = components.export(
    contract,
    'input',
    joinPointer(at, 'requestBody', 'content', json, 'schema'),
  )
  const output = components.export(
    contract,
    'output',
    joinPointer(at, 'responses', '200', 'content', json, 'schema'),
  )
  const envelope = envelopeOf(contract, schemaObject(input), schemaObject(output))
  const record = contract.protocol === 'json'
  const errorBody = {
    description: "The protocol's error answer, naming each violation by JSON pointer.",
    [PROTOCOL_ERROR]: true,
    content: { [envelope.error.type]: { schema: envelope.error.schema } },
  }
  return {
    operationId: count === 1 ? contract.name : `${contract.name}_${count}`,
    ...(contract.description !== undefined
      ? { summary: contract.description.split('\n')[0], description: contract.description }
      : {}),
    'x-standin-contract': contractExtension(contract),
    requestBody: {
      required: true,
      // Example requests as the protocol sends them; example outputs only where the body is the
      // record itself (elsewhere they are partial records inside an envelope).
      content: { [json]: media(record ? input : envelope.request, examplesOf(contract, 'input')) },
    },
    responses: {
      '200': {
        description: 'One output per record.',
        content: {
          [json]: media(
            record ? output : envelope.response,
            record ? examplesOf(contract, 'output') : undefined,
          ),
        },
      },
      [String(envelope.invalidStatus)]: errorBody,
      ...(envelope.invalidStatus !== 400 ? { '400': errorBody } : {}),
      '500': errorBody,
    },
  }
}
