/**
 * The registry's HTTP API as an OpenAPI 3.1 document, written by standin itself and served at
 * `GET /api/openapi.json`. The schemas are the types of api-types.ts; a test validates the
 * document with the OpenAPI parser standin's import and export use.
 */
import { standinVersion } from '../version.js'

type Json = Record<string, unknown>

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` })
const str: Json = { type: 'string' }
const date: Json = { type: 'string', format: 'date-time' }
const hash: Json = { type: 'string', pattern: '^[0-9a-f]{64}$' }
const list = (items: Json): Json => ({ type: 'array', items })

function object(properties: Record<string, Json>, optional: readonly string[] = []): Json {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  }
}

function json(schema: Json, description: string): Json {
  return { description, content: { 'application/json': { schema } } }
}

function problem(description: string): Json {
  return { description, content: { 'application/problem+json': { schema: ref('Problem') } } }
}

const html: Json = {
  description: 'An HTML page (CSP: no script)',
  content: { 'text/html': { schema: str } },
}

function pathParam(name: string, description: string): Json {
  return { name, in: 'path', required: true, schema: str, description }
}

function queryParam(name: string, description: string, required = false, schema = str): Json {
  return { name, in: 'query', required, schema, description }
}

const bearer = [{ bearer: [] }]
const readSecurity = [{}, { bearer: [] }]

const errors = {
  '503': problem('The database is unavailable (registry.database-unavailable)'),
}
const writeErrors = {
  '400': problem('The body is not a JSON object (registry.bad-request)'),
  '401': problem('No token, or an unknown one (registry.unauthorized)'),
  '403': problem("The token's role does not allow this (registry.forbidden)"),
  '413': problem('The body is over 8 MiB (registry.too-large)'),
  ...errors,
}

const schemas: Record<string, Json> = {
  Health: object({
    ok: { type: 'boolean' },
    database: { enum: ['pglite', 'postgres'] },
    standinVersion: str,
    schemaVersion: { type: 'integer' },
  }),
  NameVersion: object({ name: str, version: str }),
  PublishRequest: object(
    {
      contract: { type: 'object', description: 'The contract, bundled into one JSON document' },
      source: str,
    },
    ['source'],
  ),
  VersionChange: object({
    impact: { enum: ['breaking', 'compatible', 'patch'] },
    pointer: str,
    message: str,
  }),
  VersionDiff: object({
    name: str,
    from: str,
    to: str,
    changes: list(ref('VersionChange')),
    required: { enum: ['major', 'minor', 'patch', 'none'] },
    actual: { enum: ['major', 'minor', 'patch', 'none', 'down'] },
  }),
  PublishResult: object(
    {
      name: str,
      version: str,
      digest: hash,
      created: { type: 'boolean' },
      diff: ref('VersionDiff'),
    },
    ['diff'],
  ),
  ContractSummary: object(
    {
      name: str,
      latest: str,
      versions: { type: 'integer' },
      description: str,
      owner: str,
      protocol: str,
      consumers: { type: 'integer' },
      updatedAt: date,
    },
    ['description', 'owner'],
  ),
  VersionSummary: object({ version: str, digest: hash, publishedAt: date, publishedBy: str }),
  ContractDetail: object({
    name: str,
    versions: list(ref('VersionSummary')),
    consumers: list(ref('Consumer')),
  }),
  ContractVersion: object(
    {
      name: str,
      version: str,
      digest: hash,
      publishedAt: date,
      publishedBy: str,
      contract: { type: 'object' },
      source: str,
    },
    ['source'],
  ),
  ConsumerRequest: object({ range: str, fields: list(str) }),
  Consumer: object({
    service: str,
    contract: str,
    range: str,
    fields: list(str),
    declaredAt: date,
    declaredBy: str,
  }),
  VerificationRequest: object(
    {
      contract: ref('NameVersion'),
      model: ref('NameVersion'),
      reportText: { type: 'string', description: 'The JSON report, exactly as written' },
      reportHash: hash,
      html: str,
      contractDigest: hash,
    },
    ['html'],
  ),
  Verification: object(
    {
      id: { type: 'string', format: 'uuid' },
      contract: ref('NameVersion'),
      model: ref('NameVersion'),
      verdict: { enum: ['passed', 'failed'] },
      reportHash: hash,
      seed: { type: ['integer', 'string'] },
      standinVersion: str,
      hasHtml: { type: 'boolean' },
      createdAt: date,
      createdBy: str,
      report: { description: 'The parsed report (GET /api/verifications/{id} only)' },
    },
    ['report'],
  ),
  ApprovalRequest: object(
    {
      model: ref('NameVersion'),
      contract: ref('NameVersion'),
      reportHash: hash,
      by: str,
      note: str,
    },
    ['note'],
  ),
  Approval: object(
    {
      id: { type: 'string', format: 'uuid' },
      verificationId: { type: 'string', format: 'uuid' },
      model: ref('NameVersion'),
      contract: ref('NameVersion'),
      reportHash: hash,
      by: str,
      note: str,
      createdAt: date,
    },
    ['note'],
  ),
  CanSwapRow: object(
    {
      contractVersion: str,
      consumers: list(str),
      verification: object({
        id: str,
        verdict: { enum: ['passed', 'failed'] },
        reportHash: hash,
        createdAt: date,
      }),
      approval: object({ id: str, by: str, createdAt: date }),
      ok: { type: 'boolean' },
    },
    ['verification', 'approval'],
  ),
  CanSwap: object({
    model: ref('NameVersion'),
    contract: str,
    requireApproval: { type: 'boolean' },
    canSwap: { type: 'boolean' },
    rows: list(ref('CanSwapRow')),
    missing: list(str),
  }),
  AuditEntry: object(
    {
      id: { type: 'integer' },
      at: date,
      actor: str,
      action: { enum: ['publish', 'consume', 'verification', 'approve', 'token', 'token-revoke'] },
      subject: str,
      detail: { type: 'object' },
    },
    ['detail'],
  ),
  Problem: object(
    {
      type: str,
      title: str,
      status: { type: 'integer' },
      detail: str,
      code: str,
      problems: list(object({ pointer: str, message: str, code: str }, ['code'])),
    },
    ['problems'],
  ),
}

function read(
  summary: string,
  ok: Json,
  extra: Record<string, Json> = {},
  parameters: Json[] = [],
): Json {
  return {
    summary,
    security: readSecurity,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses: { '200': ok, ...extra, ...errors },
  }
}

/** The path parameters every contract route takes. */
const name = pathParam('name', 'The contract name')
const version = pathParam('version', 'A semantic version')

/** The OpenAPI 3.1 document of the registry's API. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'standin contract registry',
      version: standinVersion(),
      description:
        'Contracts and their versions, consumers, verification records, approvals and the can-swap gate. Reads are open from loopback; writes need a bearer token with a role (publish, verify, approve, admin) made by `standin registry token`. Errors are RFC 9457 problem+json with a stable `code`.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas,
    },
    paths: {
      ...contractPaths(),
      ...consumerPaths(),
      ...recordPaths(),
      ...gatePaths(),
      ...pagePaths(),
    },
  }
}

/** Health, this document, and contracts with their versions, resolution and diffs. */
function contractPaths(): Record<string, Json> {
  return {
    '/api/health': {
      get: read('Health of the registry and its database', json(ref('Health'), 'Healthy')),
    },
    '/api/openapi.json': {
      get: read('This document', json({ type: 'object' }, 'The OpenAPI 3.1 document')),
    },
    '/api/contracts': {
      get: read(
        'Every contract with its latest version',
        json(list(ref('ContractSummary')), 'The contracts'),
      ),
    },
    '/api/contracts/{name}': {
      get: read(
        'A contract: versions (newest first) and consumers',
        json(ref('ContractDetail'), 'The contract'),
        { '404': problem('No such contract (registry.unknown-contract)') },
        [name],
      ),
    },
    '/api/contracts/{name}/versions/{version}': {
      get: read(
        'One version, with the bundled contract',
        json(ref('ContractVersion'), 'The version'),
        {
          '404': problem(
            'No such contract or version (registry.unknown-contract, registry.unknown-version)',
          ),
        },
        [name, version],
      ),
      put: {
        summary: 'Publish a version (immutable; identical content is a no-op)',
        security: bearer,
        parameters: [name, version],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('PublishRequest') } },
        },
        responses: {
          '200': json(
            ref('PublishResult'),
            'Already published with the same content (created: false)',
          ),
          '201': json(ref('PublishResult'), 'Published'),
          '409': problem('The version exists with other content (registry.version-exists)'),
          '422': problem(
            'Refused: registry.invalid-contract, registry.not-semver, registry.name-mismatch, registry.version-mismatch, registry.bump-too-small, registry.consumer-broken',
          ),
          ...writeErrors,
        },
      },
    },
    '/api/contracts/{name}/resolve': {
      get: read(
        'The highest published version in a semver range',
        json(ref('ContractVersion'), 'The version'),
        {
          '404': problem('No such contract, or no version in range (registry.no-matching-version)'),
          '422': problem('Not a semver range (registry.invalid-range)'),
        },
        [name, queryParam('range', 'A semver range such as ^1.2 (default *)')],
      ),
    },
    '/api/contracts/{name}/diff': {
      get: read(
        'What changed between two versions, and the bump it calls for',
        json(ref('VersionDiff'), 'The diff'),
        { '404': problem('No such contract or version') },
        [
          name,
          queryParam('from', 'The older version', true),
          queryParam('to', 'The newer version', true),
        ],
      ),
    },
  }
}

/** Consumers: who depends on which contract range, reading which fields. */
function consumerPaths(): Record<string, Json> {
  return {
    '/api/consumers': {
      get: read('Every declared consumer', json(list(ref('Consumer')), 'The consumers'), {}, [
        queryParam('contract', 'Only the consumers of this contract'),
      ]),
    },
    '/api/consumers/{service}/contracts/{name}': {
      put: {
        summary:
          'Declare (or replace) which versions of a contract a service depends on, and the fields it reads',
        security: bearer,
        parameters: [pathParam('service', 'The consuming service'), name],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ConsumerRequest') } },
        },
        responses: {
          '200': json(ref('Consumer'), 'Declared'),
          '422': problem('Not a semver range, or fields that are not JSON pointers'),
          ...writeErrors,
        },
      },
    },
  }
}

/** Verification records and their HTML reports. */
function recordPaths(): Record<string, Json> {
  return {
    '/api/verifications': {
      get: read(
        'Verifications, newest first',
        json(list(ref('Verification')), 'The verifications'),
        {},
        [
          queryParam('model', 'name@version'),
          queryParam('contract', 'name or name@version'),
          queryParam('limit', '1 to 1000 (default 100)', false, {
            type: 'integer',
            minimum: 1,
            maximum: 1000,
          }),
        ],
      ),
      post: {
        summary:
          'Record a verification: the JSON report (hash recomputed), its verdict and seed read from it',
        security: bearer,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('VerificationRequest') } },
        },
        responses: {
          '201': json(ref('Verification'), 'Recorded'),
          '422': problem(
            'Refused: registry.report-hash-mismatch, registry.invalid-report, registry.unknown-version',
          ),
          ...writeErrors,
        },
      },
    },
    '/api/verifications/{id}': {
      get: read(
        'One verification, with its parsed report',
        json(ref('Verification'), 'The verification'),
        { '404': problem('No such verification (registry.unknown-verification)') },
        [pathParam('id', 'The verification id')],
      ),
    },
    '/api/verifications/{id}/report.html': {
      get: read(
        'The stored HTML report',
        html,
        { '404': problem('No such verification, or no HTML') },
        [pathParam('id', 'The verification id')],
      ),
    },
  }
}

/** The server-rendered pages. */
function pagePaths(): Record<string, Json> {
  return {
    '/': { get: read('The registry page', html) },
    '/contracts/{name}': {
      get: read("A contract's page: versions, diffs, consumers", html, {}, [name]),
    },
    '/verifications/{id}': {
      get: read("A verification's page", html, {}, [pathParam('id', 'The verification id')]),
    },
    '/can-swap': {
      get: read('The can-swap page', html, {}, [
        queryParam('model', 'name@version', true),
        queryParam('contract', 'The contract name', true),
        queryParam('requireApproval', 'true: an approval is needed too', false, {
          type: 'boolean',
        }),
      ]),
    },
  }
}

/** Approvals, the can-swap gate and the audit log. */
function gatePaths(): Record<string, Json> {
  return {
    '/api/approvals': {
      post: {
        summary: 'Approve a passing verification, named by its report hash',
        security: bearer,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ApprovalRequest') } },
        },
        responses: {
          '201': json(ref('Approval'), 'Approved'),
          '404': problem(
            'No verification of this model and contract version has the hash (registry.unknown-verification)',
          ),
          '422': problem(
            'The verification failed (registry.approve-failed), or the hash is of another model or contract (registry.report-hash-mismatch)',
          ),
          ...writeErrors,
        },
      },
    },
    '/api/can-swap': {
      get: read(
        'Can this model version serve every contract version a consumer depends on?',
        json(ref('CanSwap'), 'The answer, yes or no, with what is missing'),
        { '400': problem('model or contract missing'), '404': problem('No such contract') },
        [
          queryParam('model', 'name@version', true),
          queryParam('contract', 'The contract name', true),
          queryParam('requireApproval', 'true: an approval is needed too', false, {
            type: 'boolean',
          }),
        ],
      ),
    },
    '/api/audit': {
      get: read('The audit log, newest first', json(list(ref('AuditEntry')), 'The entries'), {}, [
        queryParam('limit', '1 to 1000 (default 100)', false, {
          type: 'integer',
          minimum: 1,
          maximum: 1000,
        }),
      ]),
    },
  }
}
