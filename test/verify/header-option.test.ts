/**
 * Headers a user gives verify (--header, the library's `headers`) that HTTP cannot carry are
 * refused before the run, by name and never by value: a header is often a credential.
 */
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'
import { root, runInProcess } from '../helpers/run-cli.js'

const contract = 'contracts/transaction-classifier.contract.yaml'
const secret = 'sk-live-9f8e7d6c5b4a'

it.each([
  {
    what: 'a header without a colon',
    header: `Authorization Bearer ${secret}`,
    line: `standin verify: --header must look like 'Name: value'; the one given ("Authorization" and 41 characters in all) has no name before a colon.`,
  },
  {
    what: 'a value with characters HTTP cannot carry',
    header: `x-team: 日本 ${secret}`,
    line: 'standin verify: --header: the value of header "x-team" holds characters HTTP cannot carry (visible ASCII, spaces and tabs only; no line breaks): encode it, for example as base64.',
  },
  {
    what: 'a name with a space',
    header: `bad name: ${secret}`,
    line: `standin verify: --header: "bad name" is not an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces).`,
  },
])('refuses $what with exit 2 and one line that hides the value', async ({ header, line }) => {
  const run = await runInProcess(['verify', contract, '-t', 'mock', '-n', '1', '-H', header], root)
  expect(run.stderr).toBe(`${line}\n`)
  expect(run.stderr).not.toContain(secret)
  expect(run.code).toBe(2)
})

it('refuses a header value with a line break in the library, as verify.option, without the value', async () => {
  const loaded = await loadContract(contract, { cwd: root })
  const run = verify(loaded, {
    target: 'mock',
    cases: 1,
    headers: { authorization: `Bearer ${secret}\r\nx-injected: 1` },
  })
  await expect(run).rejects.toMatchObject({
    code: 'verify.option',
    message:
      'headers: the value of header "authorization" holds characters HTTP cannot carry (visible ASCII, spaces and tabs only; no line breaks): encode it, for example as base64.',
  })
})
