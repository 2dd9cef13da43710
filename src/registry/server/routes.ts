/**
 * The registry's routes: method, path pattern, who may call, and what each does. The table in
 * the README (and `GET /api/openapi.json`) is this table.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { validRange } from 'semver'
import { diffContracts } from '../../diff/index.js'
import type { Contract } from '../../contract/index.js'
import { standinVersion } from '../../version.js'
import type { Health, RegistryOverview, Verification, VersionDiff } from '../api-types.js'
import { openApiDocument } from '../openapi.js'
import type { Store } from '../store/store.js'
import { allowRead, requireRole } from './auth.js'
import { readJson, sendHtml, sendJson } from './http-io.js'
import {
  renderCanSwapPage,
  renderContractPage,
  renderOverviewPage,
  renderVerificationPage,
} from '../page/index.js'
import { load, publish } from './publish.js'
import { approve, canSwap, recordVerification, resolveRange, splitNameVersion } from './records.js'
import { Refusal } from './refusal.js'

/** What a route handler gets. */
export interface RouteContext {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly store: Store
  readonly params: readonly string[]
  readonly query: URLSearchParams
}

/** One route. */
export interface Route {
  readonly method: 'GET' | 'PUT' | 'POST'
  readonly pattern: RegExp
  /** Reads are open on loopback; writes check their own role. */
  readonly read: boolean
  readonly handle: (context: RouteContext) => Promise<void>
}

const SEGMENT = '([^/]+)'

function path(template: string): RegExp {
  return new RegExp(`^${template.replace(/\{[a-z]+\}/g, SEGMENT)}$`)
}

function param(context: RouteContext, index: number): string {
  return context.params[index] ?? ''
}

async function loadVersion(store: Store, name: string, version: string): Promise<Contract> {
  const found = await store.version(name, version)
  if (!found)
    throw new Refusal(404, 'registry.unknown-version', `${name} has no version ${version}.`)
  return load(found.contract, found.digest)
}

async function versionDiff(
  store: Store,
  name: string,
  from: string,
  to: string,
): Promise<VersionDiff> {
  const diff = diffContracts(
    await loadVersion(store, name, from),
    await loadVersion(store, name, to),
  )
  return {
    name,
    from,
    to,
    changes: diff.changes,
    required: diff.required,
    actual: diff.actual,
  }
}

function limitOf(query: URLSearchParams, fallback: number): number {
  const raw = query.get('limit')
  if (raw === null) return fallback
  const n = Number(raw)
  if (!/^[0-9]+$/.test(raw) || n < 1 || n > 1000)
    throw new Refusal(
      400,
      'registry.bad-request',
      `limit must be an integer from 1 to 1000, not '${raw}'.`,
    )
  return n
}

function required(query: URLSearchParams, name: string, example: string): string {
  const value = query.get(name)
  if (value === null || value === '')
    throw new Refusal(
      400,
      'registry.bad-request',
      `The query needs ${name}, e.g. ?${name}=${example}.`,
    )
  return value
}

function unknownContract(store: Store, name: string): never {
  void store
  throw new Refusal(404, 'registry.unknown-contract', `No contract named ${name} is published.`)
}

/** The verification the path's id names (without its HTML report), or a 404. */
async function verificationOf(context: RouteContext): Promise<Verification> {
  const found = await context.store.verification(param(context, 0))
  if (!found)
    throw new Refusal(
      404,
      'registry.unknown-verification',
      `No verification has the id ${param(context, 0)}.`,
    )
  const { html: _html, ...verification } = found
  return verification
}

async function canSwapOf(context: RouteContext): ReturnType<typeof canSwap> {
  const model = splitNameVersion(required(context.query, 'model', 'fraud-model@2.1.0'), 'model')
  const contract = required(context.query, 'contract', 'transaction-classifier')
  return canSwap(context.store, model, contract, booleanOf(context.query, 'requireApproval'))
}

/**
 * A yes/no query parameter: `true`/`1` (or the bare name, `?requireApproval`) and `false`/`0`,
 * in any case; absent is false. Anything else is a 400: `requireApproval=yes` silently read as
 * false would open the gate it was meant to close.
 */
function booleanOf(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name)
  if (raw === null) return false
  const value = raw.toLowerCase()
  if (value === 'true' || value === '1' || value === '') return true
  if (value === 'false' || value === '0') return false
  throw new Refusal(
    400,
    'registry.bad-request',
    `${name} must be true or false (or 1 or 0), not '${raw}'.`,
  )
}

/** Every route. */
export const routes: readonly Route[] = [
  {
    method: 'GET',
    pattern: path('/api/health'),
    read: true,
    handle: async ({ res, store }) => {
      await store.ping()
      const health: Health = {
        ok: true,
        database: store.kind,
        standinVersion: standinVersion(),
        schemaVersion: store.schemaVersion,
      }
      sendJson(res, 200, health)
    },
  },
  {
    method: 'GET',
    pattern: path('/api/openapi.json'),
    read: true,
    handle: ({ res }) => {
      sendJson(res, 200, openApiDocument())
      return Promise.resolve()
    },
  },
  {
    method: 'PUT',
    pattern: path('/api/contracts/{name}/versions/{version}'),
    read: false,
    handle: async (context) => {
      const token = await requireRole(context.req, context.store, 'publish', 'Publishing')
      const body = await readJson(context.req)
      const { status, result } = await publish(
        context.store,
        param(context, 0),
        param(context, 1),
        body,
        token.name,
      )
      sendJson(context.res, status, result)
    },
  },
  {
    method: 'GET',
    pattern: path('/api/contracts'),
    read: true,
    handle: async ({ res, store }) => sendJson(res, 200, await store.contracts()),
  },
  {
    method: 'GET',
    pattern: path('/api/contracts/{name}'),
    read: true,
    handle: async (context) => {
      const detail = await context.store.contract(param(context, 0))
      if (!detail) return unknownContract(context.store, param(context, 0))
      sendJson(context.res, 200, detail)
    },
  },
  {
    method: 'GET',
    pattern: path('/api/contracts/{name}/versions/{version}'),
    read: true,
    handle: async (context) => {
      const [name, version] = [param(context, 0), param(context, 1)]
      const found = await context.store.version(name, version)
      if (!found) {
        if ((await context.store.versionNames(name)).length === 0)
          return unknownContract(context.store, name)
        throw new Refusal(404, 'registry.unknown-version', `${name} has no version ${version}.`)
      }
      sendJson(context.res, 200, found)
    },
  },
  {
    method: 'GET',
    pattern: path('/api/contracts/{name}/resolve'),
    read: true,
    handle: async (context) => {
      const name = param(context, 0)
      const range = context.query.get('range') ?? '*'
      if (validRange(range) === null)
        throw new Refusal(
          422,
          'registry.invalid-range',
          `'${range}' is not a semver range; use one such as ^1.2, ~1.2.3 or >=1.0.0 <2.0.0.`,
        )
      const version = await resolveRange(context.store, name, range)
      sendJson(context.res, 200, await context.store.version(name, version))
    },
  },
  {
    method: 'GET',
    pattern: path('/api/contracts/{name}/diff'),
    read: true,
    handle: async (context) => {
      const name = param(context, 0)
      const from = required(context.query, 'from', '1.0.0')
      const to = required(context.query, 'to', '1.1.0')
      if ((await context.store.versionNames(name)).length === 0)
        return unknownContract(context.store, name)
      sendJson(context.res, 200, await versionDiff(context.store, name, from, to))
    },
  },
  {
    method: 'PUT',
    pattern: path('/api/consumers/{service}/contracts/{name}'),
    read: false,
    handle: async (context) => {
      const token = await requireRole(context.req, context.store, 'publish', 'Declaring a consumer')
      const body = await readJson(context.req)
      const range = body.range
      if (typeof range !== 'string' || validRange(range) === null)
        throw new Refusal(
          422,
          'registry.invalid-range',
          `range must be a semver range such as ^1.2, not ${JSON.stringify(range) ?? 'nothing'}.`,
          [{ pointer: '/range', message: 'expected a semver range' }],
        )
      const fields = body.fields ?? []
      if (
        !Array.isArray(fields) ||
        !fields.every((f) => typeof f === 'string' && /^(\/([^~/]|~[01])*)+$/.test(f))
      )
        throw new Refusal(
          422,
          'registry.bad-request',
          'fields must be a list of JSON pointers into one output, such as ["/category", "/confidence"].',
          [{ pointer: '/fields', message: 'expected JSON pointers such as /category' }],
        )
      const consumer = await context.store.declareConsumer(
        param(context, 0),
        param(context, 1),
        range,
        fields as string[],
        token.name,
      )
      sendJson(context.res, 200, consumer)
    },
  },
  {
    method: 'GET',
    pattern: path('/api/consumers'),
    read: true,
    handle: async ({ res, store, query }) =>
      sendJson(res, 200, await store.consumers(query.get('contract') ?? undefined)),
  },
  {
    method: 'POST',
    pattern: path('/api/verifications'),
    read: false,
    handle: async (context) => {
      const token = await requireRole(
        context.req,
        context.store,
        'verify',
        'Recording a verification',
      )
      const body = await readJson(context.req)
      sendJson(
        context.res,
        201,
        await recordVerification(context.store, body, context.req, token.name),
      )
    },
  },
  {
    method: 'GET',
    pattern: path('/api/verifications'),
    read: true,
    handle: async ({ res, store, query }) => {
      const model = query.get('model')
      const contract = query.get('contract')
      const c = contract === null ? undefined : splitNameVersion(contract, 'contract', false)
      sendJson(
        res,
        200,
        await store.verifications({
          ...(model !== null ? { model: splitNameVersion(model, 'model') } : {}),
          ...(c ? { contract: c.version === '' ? { name: c.name } : c } : {}),
          limit: limitOf(query, 100),
        }),
      )
    },
  },
  {
    method: 'GET',
    pattern: path('/api/verifications/{id}'),
    read: true,
    handle: async (context) => {
      const verification = await verificationOf(context)
      sendJson(context.res, 200, verification)
    },
  },
  {
    method: 'GET',
    pattern: path('/api/verifications/{id}/report.html'),
    read: true,
    handle: async (context) => {
      const found = await context.store.verification(param(context, 0))
      if (found?.html === undefined)
        throw new Refusal(
          404,
          'registry.unknown-verification',
          found
            ? `The verification ${found.id} was recorded without an HTML report.`
            : `No verification has the id ${param(context, 0)}.`,
        )
      sendHtml(context.res, 200, found.html)
    },
  },
  {
    method: 'POST',
    pattern: path('/api/approvals'),
    read: false,
    handle: async (context) => {
      const token = await requireRole(context.req, context.store, 'approve', 'Approving')
      const body = await readJson(context.req)
      sendJson(context.res, 201, await approve(context.store, body, token.name))
    },
  },
  {
    method: 'GET',
    pattern: path('/api/can-swap'),
    read: true,
    handle: async (context) => sendJson(context.res, 200, await canSwapOf(context)),
  },
  {
    method: 'GET',
    pattern: path('/api/audit'),
    read: true,
    handle: async ({ res, store, query }) =>
      sendJson(res, 200, await store.audit(limitOf(query, 100))),
  },
  {
    method: 'GET',
    pattern: path('/'),
    read: true,
    handle: async ({ res, store }) => {
      const overview: RegistryOverview = {
        contracts: await store.contracts(),
        consumers: await store.consumers(),
        verifications: await store.verifications({ limit: 50 }),
        approvals: await store.approvals({ limit: 50 }),
        audit: await store.audit(50),
        matrices: await store.matrices(20),
      }
      sendHtml(res, 200, renderOverviewPage(overview))
    },
  },
  {
    method: 'GET',
    pattern: path('/contracts/{name}'),
    read: true,
    handle: async (context) => {
      const name = param(context, 0)
      const detail = await context.store.contract(name)
      if (!detail) return unknownContract(context.store, name)
      const versions = detail.versions.slice(0, 21).map((v) => v.version)
      const diffs: VersionDiff[] = []
      for (let i = 0; i + 1 < versions.length; i++)
        diffs.push(await versionDiff(context.store, name, versions[i + 1] ?? '', versions[i] ?? ''))
      sendHtml(context.res, 200, renderContractPage(detail, diffs))
    },
  },
  {
    method: 'GET',
    pattern: path('/verifications/{id}'),
    read: true,
    handle: async (context) => {
      const verification = await verificationOf(context)
      sendHtml(context.res, 200, renderVerificationPage(verification))
    },
  },
  {
    method: 'GET',
    pattern: path('/can-swap'),
    read: true,
    handle: async (context) =>
      sendHtml(context.res, 200, renderCanSwapPage(await canSwapOf(context))),
  },
]

/** Reads-only check before a route (writes check their roles themselves). */
export { allowRead }
