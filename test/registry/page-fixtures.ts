/** Registry data for the page tests: every free-text field holds `evil`. */
import type {
  CanSwap,
  ContractDetail,
  RegistryOverview,
  Verification,
  VersionDiff,
} from '../../src/registry/index.js'

/** A value that must come out as text: a script, quotes, an attribute breaker, a `javascript:` URL. */
export const HOSTILE = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>javascript:alert(3)&amp;`

/** The registry's data with `evil` in every field a user can write. */
export function hostileData(evil: string = HOSTILE): {
  overview: RegistryOverview
  detail: ContractDetail
  diffs: VersionDiff[]
  verification: Verification
  canSwap: CanSwap
} {
  const model = { name: evil, version: evil }
  const contract = { name: evil, version: evil }
  const consumer = {
    service: evil,
    contract: evil,
    range: evil,
    fields: [evil, '/category'],
    declaredAt: evil,
    declaredBy: evil,
  }
  const verification: Verification = {
    id: evil,
    contract,
    model,
    verdict: 'passed',
    reportHash: evil,
    seed: evil,
    standinVersion: evil,
    hasHtml: true,
    createdAt: evil,
    createdBy: evil,
    report: { note: evil, [evil]: [evil] },
  }
  const approval = {
    id: evil,
    verificationId: evil,
    model,
    contract,
    reportHash: evil,
    by: evil,
    note: evil,
    createdAt: evil,
  }
  const overview: RegistryOverview = {
    contracts: [
      {
        name: evil,
        latest: evil,
        versions: 2,
        description: evil,
        owner: evil,
        protocol: evil,
        consumers: 1,
        updatedAt: evil,
      },
    ],
    consumers: [consumer],
    verifications: [verification],
    approvals: [approval],
    audit: [{ id: 1, at: evil, actor: evil, action: 'publish', subject: evil, detail: { evil } }],
    matrices: [
      {
        contract: evil,
        models: [model],
        contractVersions: [evil, '1.1.0'],
        cells: [['approved', 'failed']],
      },
    ],
  }
  const diffs: VersionDiff[] = [
    {
      name: evil,
      from: evil,
      to: evil,
      changes: [{ impact: 'breaking', pointer: evil, message: evil }],
      required: 'major',
      actual: 'minor',
    },
  ]
  const canSwap: CanSwap = {
    model,
    contract: evil,
    requireApproval: true,
    canSwap: false,
    rows: [
      {
        contractVersion: evil,
        consumers: [evil],
        verification: { id: evil, verdict: 'passed', reportHash: evil, createdAt: evil },
        approval: { id: evil, by: evil, createdAt: evil },
        ok: false,
      },
    ],
    missing: [evil],
  }
  return {
    overview,
    detail: {
      name: evil,
      versions: [{ version: evil, digest: evil, publishedAt: evil, publishedBy: evil }],
      consumers: [consumer],
    },
    diffs,
    verification,
    canSwap,
  }
}
