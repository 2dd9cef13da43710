/**
 * The registry's HTTP API as types: what each endpoint takes and answers (JSON). The server
 * answers these, the client sends and reads them, the page renders them. Dates are ISO 8601
 * strings; digests and hashes are lowercase sha256 hex.
 */

/** The four roles a token can carry. `admin` may do everything. */
export type RegistryRole = 'publish' | 'verify' | 'approve' | 'admin'

/** `GET /api/health`. */
export interface Health {
  readonly ok: boolean
  readonly database: 'pglite' | 'postgres'
  readonly standinVersion: string
  readonly schemaVersion: number
}

/** `PUT /api/contracts/{name}/versions/{version}`: the contract bundled into one JSON document. */
export interface PublishRequest {
  readonly contract: Readonly<Record<string, unknown>>
  /** The file as written (YAML or JSON), kept for display; optional. */
  readonly source?: string
}

/** One change as `standin diff` reports it. */
export interface VersionChange {
  readonly impact: 'breaking' | 'compatible' | 'patch'
  readonly pointer: string
  readonly message: string
}

/** `GET /api/contracts/{name}/diff?from&to`, and the diff a publish was checked with. */
export interface VersionDiff {
  readonly name: string
  readonly from: string
  readonly to: string
  readonly changes: readonly VersionChange[]
  readonly required: 'major' | 'minor' | 'patch' | 'none'
  readonly actual: 'major' | 'minor' | 'patch' | 'none' | 'down'
}

/** The answer to a publish: 201 when created, 200 with `created: false` when identical. */
export interface PublishResult {
  readonly name: string
  readonly version: string
  readonly digest: string
  readonly created: boolean
  /** The diff against the highest earlier version; absent for the first version. */
  readonly diff?: VersionDiff
}

/** One row of `GET /api/contracts`. */
export interface ContractSummary {
  readonly name: string
  readonly latest: string
  readonly versions: number
  readonly description?: string
  readonly owner?: string
  readonly protocol: string
  readonly consumers: number
  readonly updatedAt: string
}

/** One version in a contract's history. */
export interface VersionSummary {
  readonly version: string
  readonly digest: string
  readonly publishedAt: string
  readonly publishedBy: string
}

/** `GET /api/contracts/{name}`: versions newest first. */
export interface ContractDetail {
  readonly name: string
  readonly versions: readonly VersionSummary[]
  readonly consumers: readonly Consumer[]
}

/** `GET /api/contracts/{name}/versions/{version}` and `.../resolve?range`. */
export interface ContractVersion extends VersionSummary {
  readonly name: string
  readonly contract: Readonly<Record<string, unknown>>
  readonly source?: string
}

/** `PUT /api/consumers/{service}/contracts/{name}`. */
export interface ConsumerRequest {
  /** A semver range, e.g. `^1.2`. */
  readonly range: string
  /** Output fields the service reads, as JSON pointers into one output (`/category`). Empty: all. */
  readonly fields: readonly string[]
}

/** A service's declared dependency on a contract. */
export interface Consumer {
  readonly service: string
  readonly contract: string
  readonly range: string
  readonly fields: readonly string[]
  readonly declaredAt: string
  readonly declaredBy: string
}

/** `name@version`, split. */
export interface NameVersion {
  readonly name: string
  readonly version: string
}

/** `POST /api/verifications`. */
export interface VerificationRequest {
  readonly contract: NameVersion
  readonly model: NameVersion
  /** The JSON report exactly as `standin verify --reporter json:` wrote it. */
  readonly reportText: string
  /** sha256 hex of `reportText` (UTF-8); the server recomputes and refuses a mismatch. */
  readonly reportHash: string
  /** The HTML report, stored and served as is. */
  readonly html?: string
  /**
   * The digest of the contract the run verified: the sha256 of its bundled document's canonical
   * JSON, as the registry computes it at publish. A verification of other content (a local edit
   * under the same name and version) is refused: it did not test the published contract.
   */
  readonly contractDigest: string
}

/** A recorded verification. The verdict, seed and standin version come from the report. */
export interface Verification {
  readonly id: string
  readonly contract: NameVersion
  readonly model: NameVersion
  readonly verdict: 'passed' | 'failed'
  readonly reportHash: string
  readonly seed: number | string
  readonly standinVersion: string
  readonly hasHtml: boolean
  readonly createdAt: string
  readonly createdBy: string
  /** Present on `GET /api/verifications/{id}`: the parsed report. */
  readonly report?: unknown
}

/** `POST /api/approvals`. */
export interface ApprovalRequest {
  readonly model: NameVersion
  readonly contract: NameVersion
  /** The hash of the verification report being signed off. */
  readonly reportHash: string
  readonly by: string
  readonly note?: string
}

/** A human sign-off of one verification. */
export interface Approval {
  readonly id: string
  readonly verificationId: string
  readonly model: NameVersion
  readonly contract: NameVersion
  readonly reportHash: string
  readonly by: string
  readonly note?: string
  readonly createdAt: string
}

/** One contract version's row in a can-swap answer. */
export interface CanSwapRow {
  readonly contractVersion: string
  /** Services whose declared range includes this version. */
  readonly consumers: readonly string[]
  readonly verification?: Pick<Verification, 'id' | 'verdict' | 'reportHash' | 'createdAt'>
  readonly approval?: Pick<Approval, 'id' | 'by' | 'createdAt'>
  readonly ok: boolean
}

/** `GET /api/can-swap?model&contract&requireApproval`. */
export interface CanSwap {
  readonly model: NameVersion
  readonly contract: string
  readonly requireApproval: boolean
  readonly canSwap: boolean
  readonly rows: readonly CanSwapRow[]
  /** One line per missing piece. */
  readonly missing: readonly string[]
}

/** One write, as the audit log keeps it. */
export interface AuditEntry {
  readonly id: number
  readonly at: string
  readonly actor: string
  readonly action: 'publish' | 'consume' | 'verification' | 'approve' | 'token' | 'token-revoke'
  readonly subject: string
  readonly detail?: Readonly<Record<string, unknown>>
}

/** What the overview page shows (`GET /`): the server gathers it, the page renders it. */
export interface RegistryOverview {
  readonly contracts: readonly ContractSummary[]
  readonly consumers: readonly Consumer[]
  readonly verifications: readonly Verification[]
  readonly approvals: readonly Approval[]
  readonly audit: readonly AuditEntry[]
  /** Per contract, model versions by contract versions. */
  readonly matrices: readonly SwapMatrix[]
}

/** The can-swap matrix on the page. */
export interface SwapMatrix {
  readonly contract: string
  readonly models: readonly NameVersion[]
  readonly contractVersions: readonly string[]
  /** `cells[i][j]`: model i against contract version j. */
  readonly cells: readonly (readonly ('passed' | 'approved' | 'failed' | 'none')[])[]
}

/** The RFC 9457 problem body of every error answer. */
export interface RegistryProblem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly problems?: readonly {
    readonly pointer: string
    readonly message: string
    readonly code?: string
  }[]
}
