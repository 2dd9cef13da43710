import { errorFromProblems, StandinError, type Problem } from '../errors.js'

/** An input the stand-in refuses: `problems` lists every violation, by pointer into the input. */
export class InputValidationError extends StandinError {
  constructor(problems: readonly Problem[]) {
    super('mock.invalid-input', errorFromProblems('mock.invalid-input', problems).message, problems)
    this.name = 'InputValidationError'
  }
}

/** A failure the stand-in was told to produce (`errorRate`, or the `error` scenario). */
export class InjectedFaultError extends StandinError {
  constructor(contractName: string) {
    super(
      'mock.injected-fault',
      `${contractName}: injected fault (the stand-in fails this share of requests on purpose). Set errorRate to 0 to turn it off.`,
    )
    this.name = 'InjectedFaultError'
  }
}
