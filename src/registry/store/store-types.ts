/**
 * What the registry's store offers (`Store`) and what its callers hand it. The queries behind it
 * live in one module per resource: tokens, contracts, consumers, verifications, approvals, logs.
 */
import type {
  Approval,
  AuditEntry,
  Consumer,
  ContractDetail,
  ContractSummary,
  ContractVersion,
  RegistryRole,
  SwapMatrix,
  Verification,
  VersionDiff,
} from '../api-types.js'

/** A token as the server sees it after checking a secret. */
export interface TokenIdentity {
  readonly name: string
  readonly role: RegistryRole
}

/** A version to publish, checked and digested by the caller. */
export interface NewVersion {
  readonly name: string
  readonly version: string
  readonly digest: string
  readonly document: Readonly<Record<string, unknown>>
  readonly source?: string
  readonly description?: string
  readonly owner?: string
  readonly protocol: string
  readonly by: string
}

/** What the publish rules see, inside the publish transaction. */
export interface PublishContext {
  /** Every published version of the name (the new one excluded), with digests. */
  readonly versions: readonly { readonly version: string; readonly digest: string }[]
  /** The stored document of one of them. */
  readonly document: (version: string) => Promise<Readonly<Record<string, unknown>>>
  readonly consumers: readonly Consumer[]
}

/** The answer of `publish`: created, identical (no-op), or taken by other content. */
export type PublishOutcome =
  | { readonly outcome: 'created'; readonly diff?: VersionDiff }
  | { readonly outcome: 'identical' }
  | { readonly outcome: 'exists'; readonly digest: string }

/** A verification to record. */
export interface NewVerification {
  readonly contract: { readonly name: string; readonly version: string }
  readonly model: { readonly name: string; readonly version: string }
  readonly verdict: 'passed' | 'failed'
  readonly report: unknown
  readonly reportText: string
  readonly reportHash: string
  readonly html?: string
  readonly seed: number | string
  readonly standinVersion: string
  readonly by: string
}

/** A filter on verifications. */
export interface VerificationFilter {
  readonly model?: { readonly name: string; readonly version: string }
  readonly contract?: { readonly name: string; readonly version?: string }
  readonly reportHash?: string
  readonly limit?: number
}

/** The registry's storage. */
export interface Store {
  readonly kind: 'pglite' | 'postgres'
  readonly where: string
  readonly schemaVersion: number
  ping(): Promise<void>
  createToken(name: string, role: RegistryRole, actor: string): Promise<string>
  findToken(secret: string): Promise<TokenIdentity | undefined>
  publish(
    version: NewVersion,
    rules: (context: PublishContext) => Promise<VersionDiff | undefined>,
  ): Promise<PublishOutcome>
  digestOf(name: string, version: string): Promise<string | undefined>
  contracts(): Promise<ContractSummary[]>
  contract(name: string): Promise<ContractDetail | undefined>
  versionNames(name: string): Promise<string[]>
  version(name: string, version: string): Promise<ContractVersion | undefined>
  declareConsumer(
    service: string,
    contract: string,
    range: string,
    fields: readonly string[],
    by: string,
  ): Promise<Consumer>
  consumers(contract?: string): Promise<Consumer[]>
  recordVerification(v: NewVerification): Promise<Verification>
  verifications(filter: VerificationFilter): Promise<Verification[]>
  verification(id: string): Promise<(Verification & { readonly html?: string }) | undefined>
  approve(input: {
    readonly verification: Verification
    readonly by: string
    readonly note?: string
    readonly actor: string
  }): Promise<Approval>
  approvals(filter: {
    readonly model?: { readonly name: string; readonly version: string }
    readonly contract?: string
    readonly limit?: number
  }): Promise<Approval[]>
  audit(limit: number): Promise<AuditEntry[]>
  matrices(limit: number): Promise<SwapMatrix[]>
  close(): Promise<void>
}
