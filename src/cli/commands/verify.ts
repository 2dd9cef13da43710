/**
 * `standin verify <contract|dir>... --target <url|mock>`: the contract tests, exit 0/1/2. Several
 * contracts (or folders of them) run one after another against the same target; `--wait-for`
 * polls a URL target until it answers first, and `--max-failures` stops after that many failed
 * checks.
 */
import { extname } from 'node:path'
import { loadContracts } from '../../contract/index.js'
import type { Contract } from '../../contract/index.js'
import type { RegistryClient } from '../../registry/index.js'
import type { VerifyResult } from '../../verify/index.js'
import type { ReporterChoice } from '../../report/index.js'
import { StandinError } from '../../errors.js'
import { headerProblem } from '../../header-problem.js'
import { plural } from '../../plural.js'
import { defineCommand } from '../command.js'
import { loadOptions } from '../load-options.js'
import type { CliIO } from '../command.js'
import { seedFlag } from '../common-flags.js'
import { flag, usageError } from '../flags.js'
import type { FlagValues } from '../flags.js'
import { nameAt, registryClient } from '../registry-flags.js'
import { refuseOverwritingInputs, reporterOutputs } from '../output-guard.js'

const verifyFlags = {
  'cases-from': flag.input({
    valueName: 'FILE',
    description:
      'Real inputs instead of generated ones: a recording, or inputs as JSON Lines or CSV (the checks take the first -n rows, 1000 with --load; --load streams every row)',
  }),
  redact: flag.string({
    repeatable: true,
    valueName: '/pointer',
    description: 'An input field masked as *** in every report',
  }),
  target: flag.string({
    short: 't',
    valueName: 'url|mock',
    description:
      "The model's base URL (its protocol's paths are appended), or 'mock' for the in-process stand-in",
  }),
  seed: seedFlag('Seed of every generated case'),
  cases: flag.integer({
    short: 'n',
    min: 0,
    defaultText: '100',
    description: 'Generated valid inputs',
  }),
  reporter: flag.string({
    short: 'r',
    repeatable: true,
    valueName: 'name[:FILE]',
    // The reporters of report/reporters.ts, written out so that `standin serve` and `--help`
    // need not load verify and report; a test keeps the two lists equal.
    description: 'console | json:FILE | junit:FILE | html:FILE',
    defaultText: 'console',
  }),
  timeout: flag.duration({ defaultText: '10s', description: 'Per-request timeout (500ms, 10s)' }),
  concurrency: flag.integer({
    short: 'c',
    min: 1,
    defaultText: '4',
    description: 'Requests in flight at once',
  }),
  'max-answer-size': flag.size({
    valueName: 'SIZE',
    defaultText: '4mb',
    description: 'Largest answer read, on the wire and inflated (a failed case above it)',
  }),
  header: flag.string({
    short: 'H',
    repeatable: true,
    valueName: "'Name: value'",
    description: 'A header for every request (auth tokens; masked in reports)',
  }),
  load: flag.boolean({
    description: "Also run the load check (the contract's checks.load rpm and duration)",
  }),
  'load-rpm': flag.integer({
    min: 1,
    description: 'Run the load check at N requests per minute (implies --load)',
  }),
  'load-duration': flag.duration({
    description: 'Run the load check for this long, for example 10s (implies --load)',
  }),
  replay: flag.string({
    valueName: 'case-id',
    description: 'Send one case again (an id a report printed; same --seed and --cases)',
  }),
  'force-quality': flag.boolean({
    description:
      'Judge model quality even against the stand-in (mock, or a server answering x-standin)',
  }),
  'max-failures': flag.integer({
    min: 1,
    description: 'Stop after N failed checks: the contracts after that one are not verified',
  }),
  publish: flag.string({
    valueName: 'registry url',
    description:
      'Record the result in this registry (with --model): the JSON and HTML reports and their hash',
  }),
  model: flag.string({
    valueName: 'name@version',
    description: 'The model version verified, as the registry records it (with --publish)',
  }),
  token: flag.string({
    valueName: 'secret',
    defaultText: '$STANDIN_REGISTRY_TOKEN',
    description: "A token with the verify role, for --publish ('standin registry token')",
  }),
  'wait-for': flag.duration({
    valueName: 'duration',
    description:
      "Poll a URL target until its protocol's ready endpoint says the model is loaded (json: any answer), up to this long, then test",
  }),
}

type VerifyFlags = FlagValues<typeof verifyFlags>

function redactPointers(list: readonly string[]): string[] {
  for (const p of list)
    if (!/^(\/([^~/]|~[01])*)*$/.test(p))
      throw usageError(
        'verify',
        `--redact must be a JSON pointer into the input record such as /narration, not '${p}'.`,
      )
  return [...list]
}

function headers(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const item of list) {
    const colon = item.indexOf(':')
    // The value is never shown: a header is often a credential, and this lands in CI logs.
    if (colon <= 0)
      throw usageError(
        'verify',
        `--header must look like 'Name: value'; the one given (${JSON.stringify(item.split(/\s/, 1)[0])} and ${plural(item.length, 'character')} in all) has no name before a colon.`,
      )
    const name = item.slice(0, colon).trim().toLowerCase()
    const value = item.slice(colon + 1).trim()
    const problem = headerProblem(name, value)
    if (problem !== undefined) throw usageError('verify', `--header: ${problem}.`)
    out[name] = value
  }
  return out
}

/** `reports/junit.xml` -> `reports/junit.ticket-router.xml` when several contracts share a reporter. */
function perContract(
  file: string | undefined,
  contract: Contract,
  several: boolean,
): string | undefined {
  if (!several || file === undefined || file === '-') return file
  const ext = extname(file)
  return `${file.slice(0, file.length - ext.length)}.${contract.name}${ext}`
}

/**
 * The contracts, once it is clear that no report would be written over a file they were read
 * from (their `$ref`s included) or over --cases-from.
 */
async function loadUnclobbered(
  positionals: readonly string[],
  flags: VerifyFlags,
  choices: readonly ReporterChoice[],
  io: CliIO,
): Promise<Contract[]> {
  const read: string[] = []
  const contracts = await loadContracts([...positionals], {
    ...loadOptions(io),
    onFileRead: (path) => read.push(path),
  })
  for (const contract of contracts)
    refuseOverwritingInputs(
      'verify',
      reporterOutputs(
        flags.reporter,
        choices,
        (file) => perContract(file, contract, contracts.length > 1) ?? file,
      ),
      [...read, flags['cases-from']?.path],
    )
  return contracts
}

async function run(positionals: readonly string[], flags: VerifyFlags, io: CliIO): Promise<number> {
  const { parseReporters, startReporters } = await import('../../report/index.js')
  const { verify, waitUntilReady } = await import('../../verify/index.js')
  const target = flags.target
  if (target === undefined || target === '')
    throw usageError('verify', "--target is required: the model's base URL, or 'mock'.")
  const extra = headers(flags.header)
  const publish = await publishTarget(flags, io)
  const choices = parseReporters(flags.reporter, io.cwd)
  const contracts = await loadUnclobbered(positionals, flags, choices, io)
  if (flags.replay !== undefined && contracts.length > 1)
    throw usageError(
      'verify',
      `--replay names a case of one contract; ${contracts.length} were given.`,
    )
  if (flags['wait-for'] !== undefined && /^https?:\/\//.test(target))
    await waitUntilReady(target, contracts, {
      timeoutMs: flags['wait-for'],
      headers: extra,
      ...(io.signal ? { signal: io.signal } : {}),
    })
  const digests = publish ? await contractDigests(contracts, io) : undefined
  const several = contracts.length > 1
  let failedChecks = 0
  let failed = false
  for (const [index, contract] of contracts.entries()) {
    if (flags['max-failures'] !== undefined && failedChecks >= flags['max-failures']) {
      const skipped = contracts.slice(index).map((c) => `${c.name}@${c.version}`)
      io.stderr(
        `standin verify: stopped after ${failedChecks} failed check${failedChecks === 1 ? '' : 's'} (--max-failures ${flags['max-failures']}); not verified: ${skipped.join(', ')}.\n`,
      )
      break
    }
    const load = loadOption(flags, contract)
    const sink = startReporters(
      choices.map((c) => {
        const file = perContract(c.file, contract, several)
        return file === undefined ? { reporter: c.reporter } : { reporter: c.reporter, file }
      }),
      io,
    )
    // Planning compiles the generator, which blocks the event loop: signals keep their default
    // action (the process ends at once) until the first case is about to be sent.
    const signal = io.signal
    io.catchSignals?.(false)
    const result = await verify(contract, {
      target,
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.cases !== undefined ? { cases: flags.cases } : {}),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
      headers: extra,
      ...(flags['max-answer-size'] !== undefined
        ? { maxAnswerBytes: Math.max(1, flags['max-answer-size']) }
        : {}),
      load,
      ...(flags.replay !== undefined ? { replay: flags.replay } : {}),
      ...(flags['force-quality'] ? { forceQuality: true } : {}),
      ...(flags['cases-from']
        ? { casesFrom: { file: flags['cases-from'].path, shown: flags['cases-from'].shown } }
        : {}),
      ...(flags.redact.length > 0 ? { redact: redactPointers(flags.redact) } : {}),
      onWarning: (message) => io.stderr(`standin verify: warning: ${message}\n`),
      ...(signal ? { signal } : {}),
      onProgress: (done, total) => {
        io.catchSignals?.(true)
        sink.progress?.(done, total)
      },
    })
    io.catchSignals?.(true)
    await sink.finish(result)
    if (publish) await publishResult(result, contract, { ...publish, digests }, io)
    failedChecks += result.checks.filter(
      (c) => c.status === 'failed' || c.status === 'error',
    ).length
    if (result.verdict !== 'passed') failed = true
    if (io.signal?.aborted) break
  }
  return failed ? 1 : 0
}

/** `--load`, or the load `--load-rpm` and `--load-duration` give (with the contract's for the other). */
function loadOption(
  flags: VerifyFlags,
  contract: Contract,
): boolean | { rpm: number; duration: number } {
  if (flags['load-rpm'] === undefined && flags['load-duration'] === undefined) return flags.load
  const rpm = flags['load-rpm'] ?? contract.checks.load?.rpm
  const duration = flags['load-duration'] ?? contract.checks.load?.duration
  if (rpm === undefined || duration === undefined)
    throw usageError(
      'verify',
      `${contract.name} has no checks.load: give both --load-rpm and --load-duration (have ${flags['load-rpm'] === undefined ? '--load-duration' : '--load-rpm'}).`,
    )
  return { rpm, duration }
}

/** Where and as what `--publish` records: the registry's client and the model version. */
interface PublishTarget {
  readonly registry: RegistryClient
  readonly model: { name: string; version: string }
  /** The digest of each contract's content as run, as the registry computes it at publish. */
  readonly digests?: ReadonlyMap<Contract, string>
}

/**
 * The registry digest of each contract as it is about to run (bundled as publish bundles it),
 * taken before the run: the registry counts a verification only for the content it tested.
 */
async function contractDigests(
  contracts: readonly Contract[],
  io: CliIO,
): Promise<ReadonlyMap<Contract, string>> {
  const { bundleContract, digestOf } = await import('../../registry/index.js')
  const digests = new Map<Contract, string>()
  for (const contract of contracts) {
    const bundled = await bundleContract(contract.file ?? '', loadOptions(io))
    digests.set(contract, digestOf(bundled.document))
  }
  return digests
}

/**
 * `--publish <url> --model <name>@<version>`, checked before any work (the URL, and that a token
 * is given): a run of every check that then cannot be recorded wastes the run. Undefined without
 * them.
 */
async function publishTarget(flags: VerifyFlags, io: CliIO): Promise<PublishTarget | undefined> {
  if (flags.publish === undefined && flags.model === undefined) return undefined
  if (flags.publish === undefined)
    throw usageError('verify', '--model names the model for --publish <registry url>; give both.')
  if (flags.model === undefined)
    throw usageError(
      'verify',
      '--publish needs --model <name>@<version>: the model version the registry records this result for.',
    )
  const model = nameAt('verify', flags.model, '--model', 'fraud-model@2.1.0')
  if ((flags.token ?? io.env.STANDIN_REGISTRY_TOKEN ?? '') === '')
    throw usageError(
      'verify',
      "--publish needs a token with the verify role: give --token or STANDIN_REGISTRY_TOKEN (make one with 'standin registry token --role verify --name <who>').",
    )
  const { RegistryClientError } = await import('../../registry/index.js')
  try {
    return { registry: await registryClient({ token: flags.token }, io, flags.publish), model }
  } catch (error) {
    if (!(error instanceof RegistryClientError)) throw error
    throw new StandinError(error.code, `standin verify: ${error.message}`)
  }
}

/**
 * Records one contract's result in the registry: the JSON report exactly as the json reporter
 * writes it, its sha256 and the HTML report. A registry failure is exit 2, whatever the verdict.
 */
async function publishResult(
  result: VerifyResult,
  contract: Contract,
  publish: PublishTarget,
  io: CliIO,
): Promise<void> {
  const { renderHtml, renderJson } = await import('../../report/index.js')
  const { RegistryClientError } = await import('../../registry/index.js')
  // Loaded here: node:crypto is ~3 ms of every start of every command otherwise.
  const { createHash } = await import('node:crypto')
  const { registry } = publish
  const reportText = renderJson(result)
  const reportHash = createHash('sha256').update(reportText, 'utf8').digest('hex')
  const pair = `${publish.model.name}@${publish.model.version} against ${contract.name}@${contract.version}`
  try {
    const recorded = await registry.recordVerification({
      contract: { name: contract.name, version: contract.version },
      model: publish.model,
      reportText,
      reportHash,
      html: renderHtml(result),
      contractDigest: publish.digests?.get(contract) ?? '',
    })
    io.stderr(
      `standin verify: recorded verification ${recorded.id} (${recorded.verdict}) of ${pair} at ${registry.url}, report sha256 ${recorded.reportHash}\n`,
    )
  } catch (error) {
    if (!(error instanceof RegistryClientError)) throw error
    throw new StandinError(
      error.code,
      `standin verify: could not record the verification of ${pair}: ${error.message}`,
    )
  }
}

/** `standin verify`. */
export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Run the contract tests against a target (a URL or the stand-in)',
  positionals: [
    {
      name: 'contract|dir',
      description: 'Contract files, or folders of them, verified one after another',
      variadic: true,
    },
  ],
  flags: verifyFlags,
  footer: [
    'Checks: protocol, conformance, rejection, examples, invariance, directional, distribution, failureRate, latency, load.',
    'Against the stand-in (--target mock, or a server whose answers carry x-standin), model-quality checks',
    '(examples, invariance, directional, distribution) are skipped unless --force-quality.',
    "A reporter's FILE may be '-', standard output (json:-), instead of the console report.",
    'With several contracts, each file reporter writes one file per contract (junit.<name>.xml).',
    'With --publish <registry url> --model <name>@<version>, each result is recorded in the registry',
    '(token: --token or STANDIN_REGISTRY_TOKEN, role verify); the verification id and report hash are printed.',
    'Exit codes: 0 every check passed, 1 a check failed, 2 verify could not run (or could not record).',
    '',
    'Example:',
    '  standin verify contracts/ --target http://127.0.0.1:8080 --wait-for 30s \\',
    '    --reporter console --reporter junit:reports/junit.xml --reporter html:reports/verify.html',
  ],
  run: ({ positionals, flags, io }) => run(positionals, flags, io),
})
