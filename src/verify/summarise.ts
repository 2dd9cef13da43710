/**
 * The summarise stage: the checks in their fixed order (on a replay, only those the case belongs
 * to, with failure rate and latency), the verdict, and the one `VerifyResult`, with every secret
 * (the user's headers, credentials from the URL) redacted.
 */
import type { Contract } from '../contract/index.js'
import { boundCase } from './bound-result.js'
import { redactInputs } from './redact-inputs.js'
import { headerSecrets, redactSecrets } from './redact.js'
import type { Target } from './resolve-target.js'
import type {
  CaseResult,
  CheckResult,
  LatencySummary,
  LoadSummary,
  StreamingSummary,
  VerifyResult,
} from './result-types.js'
import { checkKinds } from './result-types.js'
import type { RunSettings } from './run-settings.js'
import type { SentCase } from './sent-case.js'

/** What the earlier stages found. */
export interface RunOutcome {
  readonly startedAt: Date
  /** `performance.now()` when the run started. */
  readonly t0: number
  readonly checks: readonly CheckResult[]
  readonly sent: readonly SentCase[]
  readonly latency: LatencySummary
  readonly load?: LoadSummary
  /** The streams read (openai-chat), reported with the cases. */
  readonly streams?: {
    readonly cases: readonly CaseResult[]
    readonly summary?: StreamingSummary
  }
  /** Input pointers masked in the reported records and request bodies (`--redact`). */
  readonly redact?: readonly string[]
  /** The real inputs the checks took, with `--cases-from`. */
  readonly casesFrom?: VerifyResult['casesFrom']
}

/** The checks to report: all, in `checkKinds` order, or those a replayed case belongs to. */
function reported(checks: readonly CheckResult[], replay: string | undefined): CheckResult[] {
  const ordered = [...checks].sort(
    (a, b) => checkKinds.indexOf(a.kind) - checkKinds.indexOf(b.kind),
  )
  if (replay === undefined) return ordered
  return ordered.filter(
    (c) =>
      c.cases.some((v) => v.caseId === replay) || c.kind === 'failureRate' || c.kind === 'latency',
  )
}

/** The result of a run. */
export function summarise(
  contract: Contract,
  target: Target,
  settings: RunSettings,
  outcome: RunOutcome,
): VerifyResult {
  const { replay, headers } = settings
  const checks = reported(outcome.checks, replay)
  const failed = checks.some((c) => c.status === 'failed' || c.status === 'error')
  const secrets = [...headerSecrets(headers, headers), ...(target.secrets ?? [])]
  return redactSecrets<VerifyResult>(
    {
      format: 1,
      contract: {
        name: contract.name,
        version: contract.version,
        protocol: contract.protocol,
        ...(contract.file !== undefined ? { file: contract.file } : {}),
      },
      target: { kind: target.kind, description: target.description },
      seed: settings.seed,
      casesRequested: settings.count,
      ...(outcome.casesFrom ? { casesFrom: outcome.casesFrom } : {}),
      ...(settings.forceQuality ? { forceQuality: true as const } : {}),
      startedAt: outcome.startedAt.toISOString(),
      durationMs: Math.round(performance.now() - outcome.t0),
      verdict: failed ? 'failed' : 'passed',
      checks,
      cases: redactInputs(contract, outcome.redact ?? [], [
        ...outcome.sent.map((s) => boundCase(s.result)),
        ...(outcome.streams?.cases ?? []).map(boundCase),
      ]),
      unreachable: outcome.sent.filter((s) => s.result.exchange.kind === 'unreachable').length,
      latency: outcome.latency,
      ...(outcome.load ? { load: outcome.load } : {}),
      ...(outcome.streams?.summary ? { streaming: outcome.streams.summary } : {}),
      ...(replay !== undefined ? { replay } : {}),
    },
    secrets,
  )
}
