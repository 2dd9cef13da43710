/**
 * A typed client over the registry's HTTP API (`/api/...`): each call is one request with a
 * timeout and a cap on the answer's size, and every failure is one `RegistryClientError` whose
 * message is one line naming the registry's problem code and, for a missing or weak token, the
 * role needed and how to make such a token.
 */
import type {
  Approval,
  ApprovalRequest,
  AuditEntry,
  CanSwap,
  Consumer,
  ConsumerRequest,
  ContractDetail,
  ContractSummary,
  ContractVersion,
  Health,
  PublishRequest,
  PublishResult,
  RegistryRole,
  Verification,
  VerificationRequest,
  VersionDiff,
} from '../api-types.js'
import { answerShapes } from './answer-shapes.js'
import type { AnswerCheck } from './answer-shapes.js'
import { RegistryClientError } from './registry-client-error.js'
import { sendRequest } from './send-request.js'
import type { Call } from './send-request.js'

/** The registry standin talks to when none is named. */
export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:4400'

/** Options of `createRegistryClient`. */
export interface RegistryClientOptions {
  /** The registry's base URL, http or https (default `http://127.0.0.1:4400`). */
  readonly url?: string
  /** A bearer token (`stk_...`) made by `standin registry token`; writes need one with a role. */
  readonly token?: string
  /** The longest wait for one whole answer, in milliseconds (default 10,000). */
  readonly timeoutMs?: number
  /** The largest answer read, in bytes (default 32 MiB); a larger one is an error. */
  readonly maxAnswerBytes?: number
  /** Aborts every call in flight. */
  readonly signal?: AbortSignal
  /**
   * Where the URL came from, as a message that cannot reach the registry names it (default
   * `the url option`; the command line says `--registry (STANDIN_REGISTRY_URL)`).
   */
  readonly urlFrom?: string
}

/** The registry's API, one method per endpoint. */
export interface RegistryClient {
  /** The base URL, without a trailing slash. */
  readonly url: string
  health(): Promise<Health>
  /** Publishes a bundled contract (role publish): `created` is false for an identical republish. */
  publish(name: string, version: string, request: PublishRequest): Promise<PublishResult>
  contracts(): Promise<ContractSummary[]>
  contract(name: string): Promise<ContractDetail>
  version(name: string, version: string): Promise<ContractVersion>
  /** The highest published version in `range`. */
  resolve(name: string, range: string): Promise<ContractVersion>
  diff(name: string, from: string, to: string): Promise<VersionDiff>
  /** Declares (or replaces) a service's dependency on a contract (role publish). */
  consume(service: string, name: string, request: ConsumerRequest): Promise<Consumer>
  consumers(): Promise<Consumer[]>
  /** Records a verification report (role verify). */
  recordVerification(request: VerificationRequest): Promise<Verification>
  verifications(query?: { model?: string; contract?: string }): Promise<Verification[]>
  verification(id: string): Promise<Verification>
  /** Signs off one verification report (role approve). */
  approve(request: ApprovalRequest): Promise<Approval>
  canSwap(model: string, contract: string, requireApproval: boolean): Promise<CanSwap>
  audit(limit?: number): Promise<AuditEntry[]>
}

const seg = encodeURIComponent

/**
 * A client for the registry at `options.url`.
 *
 * @example
 * const registry = createRegistryClient({ url: 'http://127.0.0.1:4400', token: process.env.STANDIN_REGISTRY_TOKEN })
 * const answer = await registry.canSwap('fraud-model@2.1.0', 'transaction-classifier', true)
 * answer.canSwap // false
 * answer.missing // ['no passing verification of fraud-model@2.1.0 against transaction-classifier@1.3.0 (read by checkout)']
 *
 * @throws {RegistryClientError} `registry-client.bad-url` at once for a URL that is not http(s);
 * from each call: `registry-client.unreachable`, `registry-client.unauthorized`,
 * `registry-client.forbidden`, `registry-client.not-found`, `registry-client.refused` (409/422),
 * `registry-client.failed` (another error status), `registry-client.bad-answer`.
 */
export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  const urlFrom = options.urlFrom ?? 'the url option'
  const url = registryUrl(options.url ?? DEFAULT_REGISTRY_URL, urlFrom)
  const token = options.token === '' ? undefined : options.token
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token))
    throw new RegistryClientError(
      'registry-client.bad-token',
      'the registry token holds spaces or characters outside printable ASCII; give the stk_... secret standin registry token printed (--token or STANDIN_REGISTRY_TOKEN).',
    )
  const settings = {
    url,
    token,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAnswerBytes: options.maxAnswerBytes ?? 32 * 1024 * 1024,
    signal: options.signal,
    urlFrom,
  }
  const call = <T>(c: Call): Promise<T> => sendRequest<T>(settings, c)
  return { url, ...readCalls(call), ...writeCalls(call) }
}

/** Sends one call and reads its answer as `T`. */
type Caller = <T>(c: Call) => Promise<T>

/** A GET: what it reads, and what it does in words (for errors). */
function read(path: string, doing: string, shape: AnswerCheck): Call {
  return { method: 'GET', path, doing, shape }
}

/** A write: what it sends, the role it needs, and what it does in words (for errors). */
function write(
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  role: RegistryRole,
  doing: string,
  subject: string,
  shape: AnswerCheck,
): Call {
  return { method, path, body, role, doing, subject, shape }
}

type WriteCall = 'publish' | 'consume' | 'recordVerification' | 'approve'

/** The calls that read: open to anyone on loopback. */
function readCalls(call: Caller): Omit<RegistryClient, 'url' | WriteCall> {
  return {
    health: () => call(read('/api/health', 'answer a health check', answerShapes.health)),
    contracts: () => call(read('/api/contracts', 'list contracts', answerShapes.contracts)),
    contract: (name) =>
      call(read(`/api/contracts/${seg(name)}`, `show ${name}`, answerShapes.contract)),
    version: (name, version) =>
      call(
        read(
          `/api/contracts/${seg(name)}/versions/${seg(version)}`,
          `show ${name}@${version}`,
          answerShapes.version,
        ),
      ),
    resolve: (name, range) =>
      call(
        read(
          `/api/contracts/${seg(name)}/resolve?range=${seg(range)}`,
          `resolve ${name}@${range}`,
          answerShapes.version,
        ),
      ),
    diff: (name, from, to) =>
      call(
        read(
          `/api/contracts/${seg(name)}/diff?from=${seg(from)}&to=${seg(to)}`,
          `diff ${name} ${from} -> ${to}`,
          answerShapes.diff,
        ),
      ),
    consumers: () => call(read('/api/consumers', 'list consumers', answerShapes.consumers)),
    verifications: (query = {}) => {
      const params = new URLSearchParams()
      if (query.model !== undefined) params.set('model', query.model)
      if (query.contract !== undefined) params.set('contract', query.contract)
      const q = params.toString()
      return call(
        read(
          `/api/verifications${q === '' ? '' : `?${q}`}`,
          'list verifications',
          answerShapes.verifications,
        ),
      )
    },
    verification: (id) =>
      call(
        read(`/api/verifications/${seg(id)}`, `show verification ${id}`, answerShapes.verification),
      ),
    canSwap: (model, contract, requireApproval) =>
      call(
        read(
          `/api/can-swap?${new URLSearchParams({ model, contract, requireApproval: String(requireApproval) }).toString()}`,
          `answer can-swap for ${model} and ${contract}`,
          answerShapes.canSwap,
        ),
      ),
    audit: (limit = 100) =>
      call(read(`/api/audit?limit=${limit}`, 'show the audit log', answerShapes.audit)),
  }
}

/** The calls that write: each needs a token with its role. */
function writeCalls(call: Caller): Pick<RegistryClient, WriteCall> {
  return {
    publish: (name, version, request) =>
      call(
        write(
          'PUT',
          `/api/contracts/${seg(name)}/versions/${seg(version)}`,
          request,
          'publish',
          'publish contracts',
          `${name}@${version}`,
          answerShapes.publish,
        ),
      ),
    consume: (service, name, request) =>
      call(
        write(
          'PUT',
          `/api/consumers/${seg(service)}/contracts/${seg(name)}`,
          request,
          'publish',
          'declare consumers',
          `${service} consuming ${name}@${request.range}`,
          answerShapes.consumer,
        ),
      ),
    recordVerification: (request) =>
      call(
        write(
          'POST',
          '/api/verifications',
          request,
          'verify',
          'record verifications',
          `the verification of ${request.model.name}@${request.model.version} against ${request.contract.name}@${request.contract.version}`,
          answerShapes.verification,
        ),
      ),
    approve: (request) =>
      call(
        write(
          'POST',
          '/api/approvals',
          request,
          'approve',
          'record approvals',
          `the approval of ${request.model.name}@${request.model.version} against ${request.contract.name}@${request.contract.version}`,
          answerShapes.approval,
        ),
      ),
  }
}

/** The base URL checked and without its trailing slash. */
function registryUrl(raw: string, urlFrom: string): string {
  let parsed: URL | undefined
  try {
    parsed = new URL(raw)
  } catch {
    parsed = undefined
  }
  if (
    !parsed ||
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    parsed.search !== '' ||
    parsed.hash !== ''
  )
    throw new RegistryClientError(
      'registry-client.bad-url',
      `the registry URL must be an http:// or https:// URL such as ${DEFAULT_REGISTRY_URL}, not '${raw}'; fix ${urlFrom}.`,
    )
  if (parsed.username !== '' || parsed.password !== '')
    throw new RegistryClientError(
      'registry-client.bad-url',
      `the registry URL must not carry a user or password (${parsed.protocol}//${parsed.host}): give the token with --token or STANDIN_REGISTRY_TOKEN.`,
    )
  return parsed.href.replace(/\/+$/, '')
}
