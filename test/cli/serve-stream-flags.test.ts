import { expect, it } from 'vitest'
import { serveFlags, serveOptions } from '../../src/cli/commands/serve.js'
import { parseFlags } from '../../src/cli/flags.js'
import { root } from '../helpers/run-cli.js'

const parse = (...args: string[]) => parseFlags('serve', serveFlags, args, { cwd: root })

it("maps --time-to-first-token and --tokens-per-second to the stand-in's stream pace", () => {
  const { values } = parse(
    'contracts/',
    '--time-to-first-token',
    '300ms',
    '--tokens-per-second',
    '40',
  )
  expect(serveOptions(values)).toMatchObject({ timeToFirstToken: 300, tokensPerSecond: 40 })
  const none = serveOptions(parse('contracts/').values)
  expect('timeToFirstToken' in none || 'tokensPerSecond' in none).toBe(false)
})

it('refuses a time to first token without a unit and a rate of zero, in one line each', () => {
  const message = (...args: string[]): string => {
    try {
      parse('contracts/', ...args)
    } catch (error) {
      return (error as Error).message
    }
    return 'no error'
  }
  expect(message('--time-to-first-token', '300')).toBe(
    "standin serve: --time-to-first-token must be a duration with a unit, such as 300ms or 300s, not '300'.",
  )
  expect(message('--tokens-per-second', '0')).toBe(
    "standin serve: --tokens-per-second must be a number from 0.001 to 1000000 such as 40, not '0'.",
  )
})
