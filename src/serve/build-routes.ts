/**
 * The route table of a server: every contract's protocol routes (json and mlflow ones also under
 * `/{contract name}`, so several share a server), each protocol's server routes (health,
 * metadata), and `/_standin`. Every path is a fixed string, so routing is one Map lookup.
 */
import type { Contract, ProtocolName } from '../contract/index.js'
import type { MockModel } from '../mock/index.js'
import { getProtocol } from '../protocol/index.js'
import type { CompiledProtocol, StaticAnswer, WireProtocol } from '../protocol/index.js'

/** What one method on one path does. */
export type RouteEntry =
  | {
      readonly kind: 'infer'
      readonly protocol: WireProtocol
      readonly compiled: CompiledProtocol
      readonly mock: MockModel
    }
  | { readonly kind: 'static'; readonly protocol: WireProtocol; readonly answer: StaticAnswer }

/** Path to method to entry. */
export type RouteTable = Map<string, Map<string, RouteEntry>>

/** The table, the routes as `METHOD /path` lines, and the protocols served. */
export interface Routes {
  readonly table: RouteTable
  readonly lines: readonly string[]
  readonly protocols: ReadonlySet<ProtocolName>
  /** `METHOD /path` that several contracts claim, served only under each one's name: who claims it. */
  readonly shared: ReadonlyMap<string, readonly string[]>
}

/** The server's name and version, for `/_standin` and kserve-v2's `/v2`. */
export interface ServerInfo {
  readonly name: string
  readonly version: string
}

/** Builds the route table for contracts and their stand-ins (in the same order). */
export function buildRoutes(
  contracts: readonly Contract[],
  mocks: readonly MockModel[],
  server: ServerInfo,
): Routes {
  const table: RouteTable = new Map()
  const lines: string[] = []
  const add = (method: string, path: string, entry: RouteEntry): void => {
    let methods = table.get(path)
    if (!methods) {
      methods = new Map<string, RouteEntry>()
      table.set(path, methods)
    }
    if (methods.has(method)) return
    methods.set(method, entry)
    lines.push(`${method} ${path}`)
  }
  // Unprefixed paths of json/mlflow contracts are served only when one contract claims them.
  const claims = new Map<string, string[]>()
  const compiled = contracts.map((contract) => {
    const protocol = getProtocol(contract.protocol)
    const c = protocol.compile(contract)
    for (const route of c.routes) {
      const key = `${route.method} ${route.path}`
      claims.set(key, [...(claims.get(key) ?? []), contract.name])
    }
    return { contract, protocol, compiled: c }
  })
  const prefixed: { method: string; path: string; entry: RouteEntry }[] = []
  compiled.forEach(({ contract, protocol, compiled: c }, i) => {
    const mock = mocks[i] as MockModel
    for (const route of c.routes) {
      const entry: RouteEntry =
        route.kind === 'infer'
          ? { kind: 'infer', protocol, compiled: c, mock }
          : { kind: 'static', protocol, answer: route.answer }
      if (!protocol.servesByName || claims.get(`${route.method} ${route.path}`)?.length === 1)
        add(route.method, route.path, entry)
      if (protocol.servesByName)
        prefixed.push({ method: route.method, path: `/${contract.name}${route.path}`, entry })
    }
  })
  const protocols = new Set(contracts.map((c) => c.protocol))
  for (const name of protocols) {
    const protocol = getProtocol(name)
    const group = contracts.filter((c) => c.protocol === name)
    for (const route of protocol.serverRoutes(group, server))
      if (route.kind === 'static')
        add(route.method, route.path, { kind: 'static', protocol, answer: route.answer })
  }
  for (const { method, path, entry } of prefixed) add(method, path, entry)
  const listing = {
    name: server.name,
    version: server.version,
    contracts: contracts.map((c) => ({
      name: c.name,
      version: c.version,
      protocol: c.protocol,
      ...(c.description !== undefined ? { description: c.description } : {}),
    })),
    routes: [...lines],
  }
  add('GET', '/_standin', {
    kind: 'static',
    protocol: getProtocol('json'),
    answer: { status: 200, contentType: 'application/json', body: JSON.stringify(listing) },
  })
  const shared = new Map(
    [...claims].filter(([key, names]) => {
      const [method = '', path = ''] = key.split(' ')
      return names.length > 1 && table.get(path)?.has(method) !== true
    }),
  )
  return { table, lines, protocols, shared }
}
