import { loadContract, parseDuration } from '../../contract/index.js'
import { StandinError } from '../../errors.js'
import type { CommandSpec, OptionValues } from '../command.js'

function usage(message: string): StandinError {
  return new StandinError('cli.usage', `standin verify: ${message}`)
}

function integer(values: OptionValues, flag: string, min: number): number | undefined {
  const raw = values[flag]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (typeof raw !== 'string' || !/^-?[0-9]+$/.test(raw) || !Number.isSafeInteger(n) || n < min)
    throw usage(`--${flag} must be an integer ≥ ${min}, not '${String(raw)}'.`)
  return n
}

function headers(values: OptionValues): Record<string, string> {
  const list = values.header
  const out: Record<string, string> = {}
  for (const item of Array.isArray(list) ? list : []) {
    const colon = item.indexOf(':')
    if (colon <= 0) throw usage(`--header must look like 'Name: value', not '${item}'.`)
    out[item.slice(0, colon).trim().toLowerCase()] = item.slice(colon + 1).trim()
  }
  return out
}

/** `standin verify <contract> --target <url|mock>`: the contract tests, exit 0/1/2. */
export const verifyCommand: CommandSpec = {
  name: 'verify',
  summary: 'Run the contract tests against a target (a URL or the stand-in)',
  positionals: [{ name: 'contract', description: 'The contract file to verify against' }],
  options: {
    target: {
      type: 'string',
      valueName: 'url|mock',
      description:
        "The model's base URL (its protocol's paths are appended), or 'mock' for the in-process stand-in",
    },
    seed: {
      type: 'string',
      valueName: 'S',
      description: 'Seed of every generated case',
      defaultText: "the contract's mock.seed, else 1",
    },
    cases: {
      type: 'string',
      valueName: 'N',
      description: 'Generated valid inputs',
      defaultText: '100',
    },
    reporter: {
      type: 'string',
      multiple: true,
      valueName: 'name[:FILE]',
      // The reporters of report/reporters.ts, written out so that `standin serve` and `--help`
      // need not load verify and report; a test keeps the two lists equal.
      description: 'console | json:FILE | junit:FILE | html:FILE',
      defaultText: 'console',
    },
    timeout: {
      type: 'string',
      valueName: 'duration',
      description: 'Per-request timeout (500ms, 10s)',
      defaultText: '10s',
    },
    concurrency: {
      type: 'string',
      valueName: 'N',
      description: 'Requests in flight at once',
      defaultText: '4',
    },
    'max-answer-size': {
      type: 'string',
      valueName: 'SIZE',
      description: 'Largest answer read, on the wire and inflated (a failed case above it)',
      defaultText: '4mb',
    },
    header: {
      type: 'string',
      multiple: true,
      valueName: "'Name: value'",
      description: 'A header for every request (auth tokens; masked in reports)',
    },
    load: {
      type: 'boolean',
      description: "Also run the load check (the contract's checks.load rpm and duration)",
    },
    'load-rpm': {
      type: 'string',
      valueName: 'N',
      description: 'Run the load check at N requests per minute (implies --load)',
    },
    'load-duration': {
      type: 'string',
      valueName: 'duration',
      description: 'Run the load check for this long, for example 10s (implies --load)',
    },
    replay: {
      type: 'string',
      valueName: 'case-id',
      description: 'Send one case again (an id a report printed; same --seed and --cases)',
    },
    'force-quality': {
      type: 'boolean',
      description:
        'Judge model quality even against the stand-in (mock, or a server answering x-standin)',
    },
  },
  footer: [
    'Checks: protocol, conformance, rejection, examples, invariance, directional, distribution, failureRate, latency, load.',
    'Against the stand-in (--target mock, or a server whose answers carry x-standin), model-quality checks',
    '(examples, invariance, directional, distribution) are skipped unless --force-quality.',
    'Exit codes: 0 every check passed, 1 a check failed, 2 verify could not run.',
    '',
    'Example:',
    '  standin verify contracts/ticket-router.contract.yaml --target http://127.0.0.1:8080 \\',
    '    --reporter console --reporter junit:reports/junit.xml --reporter html:reports/verify.html',
  ],
  run: async ({ positionals, values, io }) => {
    const { parseReporters, startReporters } = await import('../../report/index.js')
    const { verify } = await import('../../verify/index.js')
    if (positionals.length > 1) throw usage(`takes one contract, got ${positionals.length}.`)
    const target = values.target
    if (typeof target !== 'string' || target === '')
      throw usage("--target is required: the model's base URL, or 'mock'.")
    const timeoutText = values.timeout
    let timeoutMs: number | undefined
    if (typeof timeoutText === 'string') {
      timeoutMs = parseDuration(/^[0-9]+$/.test(timeoutText) ? Number(timeoutText) : timeoutText)
      if (timeoutMs === undefined || timeoutMs <= 0)
        throw usage(`--timeout must be a duration like 500ms or 10s, not '${timeoutText}'.`)
    }
    const seed = integer(values, 'seed', -(2 ** 53) + 1)
    const cases = integer(values, 'cases', 0)
    const concurrency = integer(values, 'concurrency', 1)
    const extra = headers(values)
    const sizeText = values['max-answer-size']
    const sizeMatch =
      typeof sizeText === 'string' ? /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(sizeText.trim()) : null
    if (typeof sizeText === 'string' && !sizeMatch)
      throw usage(`--max-answer-size must be a size such as 4mb, 512kb or 2048, not '${sizeText}'.`)
    const unit = (sizeMatch?.[2] ?? 'b').toLowerCase()
    const maxAnswerBytes = sizeMatch
      ? Math.max(
          1,
          Math.round(Number(sizeMatch[1]) * (unit === 'mb' ? 1048576 : unit === 'kb' ? 1024 : 1)),
        )
      : undefined
    const specs = Array.isArray(values.reporter) ? values.reporter : []
    const choices = parseReporters(specs, io.cwd)
    const loadRpm = integer(values, 'load-rpm', 1)
    const loadDurationText = values['load-duration']
    const loadDuration =
      typeof loadDurationText === 'string' ? parseDuration(loadDurationText) : undefined
    if (typeof loadDurationText === 'string' && !(loadDuration !== undefined && loadDuration > 0))
      throw usage(`--load-duration must be a duration like 10s, not '${loadDurationText}'.`)
    const contract = await loadContract(positionals[0] ?? '', { cwd: io.cwd })
    let load: boolean | { rpm: number; duration: number } = values.load === true
    if (loadRpm !== undefined || loadDuration !== undefined) {
      const rpm = loadRpm ?? contract.checks.load?.rpm
      const duration = loadDuration ?? contract.checks.load?.duration
      if (rpm === undefined || duration === undefined)
        throw usage(
          `the contract has no checks.load: give both --load-rpm and --load-duration (have ${loadRpm === undefined ? '--load-duration' : '--load-rpm'}).`,
        )
      load = { rpm, duration }
    }
    const sink = startReporters(choices, io)
    const result = await verify(contract, {
      target,
      ...(seed !== undefined ? { seed } : {}),
      ...(cases !== undefined ? { cases } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      headers: extra,
      ...(maxAnswerBytes !== undefined ? { maxAnswerBytes } : {}),
      load,
      ...(typeof values.replay === 'string' ? { replay: values.replay } : {}),
      ...(values['force-quality'] === true ? { forceQuality: true } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (done, total) => sink.progress?.(done, total),
    })
    await sink.finish(result)
    return result.verdict === 'passed' ? 0 : 1
  },
}
