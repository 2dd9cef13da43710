/**
 * A PostgreSQL URL as the registry prints it: never with its password, whether the password is
 * in the user part, in a `?password=` parameter, or in a URL that does not parse.
 */
import { expect, it } from 'vitest'
import { describeLocation, hidePassword } from '../../src/registry/index.js'
import { runInProcess } from '../helpers/run-cli.js'

it('hides a password in the user part, in a password parameter, and in a URL that does not parse', () => {
  const cases: [string, string][] = [
    ['postgres://standin:s3cret@db:5432/registry', 'postgres://standin@db:5432/registry'],
    [
      'postgres://standin@127.0.0.1:54329/postgres?password=s3cret',
      'postgres://standin@127.0.0.1:54329/postgres?password=***',
    ],
    [
      'postgres://standin@db/r?sslmode=require&PASSWORD=s3cret&sslpassword=k3y',
      'postgres://standin@db/r?sslmode=require&PASSWORD=***&sslpassword=***',
    ],
    ['postgres://u:Zx9/Qw+e@127.0.0.1:1/db', 'postgres://u@127.0.0.1:1/db'],
    ['postgres://u:Zx9/Q@127.0.0.1:1/db?password=x/y', 'postgres://u@127.0.0.1:1/db?password=***'],
    ['postgres://db:5432/registry', 'postgres://db:5432/registry'],
  ]
  for (const [url, shown] of cases) expect(hidePassword(url), url).toBe(shown)
  expect(describeLocation({ database: cases[1]?.[0] ?? '' })).toBe(
    'postgres: postgres://standin@127.0.0.1:54329/postgres?password=***',
  )
})

it('never prints the password of a database URL that does not parse', async () => {
  const run = await runInProcess(
    ['registry', 'serve', '-p', '0', '--database', 'postgres://u:Zx9/Qw+e@127.0.0.1:1/db'],
    undefined,
    { STANDIN_DATABASE_URL: '' },
  )
  expect(run.code).toBe(2)
  expect(run.stderr).not.toContain('Zx9')
  expect(run.stderr).toMatch(
    /^registry: cannot reach the database at postgres:\/\/u@127\.0\.0\.1:1\/db \(password hidden\): /,
  )
})
