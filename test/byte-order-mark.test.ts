/**
 * A file saved by Notepad, PowerShell or Excel starts with a byte order mark: a JSON contract,
 * an input for `sample --for`, a CSV of real inputs. None of it is part of the file's first key,
 * line or cell (a JSON contract was "JSON syntax error: Unexpected token" at a column past its
 * end, and `sample --for` said the input was not JSON).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { parse } from 'yaml'
import { byteOrderMarkLength, withoutByteOrderMark } from '../src/byte-order-mark.js'
import { root, runInProcess } from './helpers/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-bom-'))
const bom = '\uFEFF'
const contractFile = join(root, 'contracts/transaction-classifier.contract.yaml')

it('a JSON contract with a byte order mark loads, and lints as it does without one', async () => {
  const json = JSON.stringify(parse(readFileSync(contractFile, 'utf8')), null, 2)
  const file = join(tmp, 'classifier.contract.json')
  writeFileSync(file, bom + json)
  const run = await runInProcess(['lint', file])
  expect(run.stdout).toBe('1 contract checked: no problems.\n')
  expect(run.code).toBe(0)
  // A syntax error past the mark is still placed on its line and column of the text.
  writeFileSync(file, `${bom}{\n  "contract": 1,\n  "name": }`)
  expect((await runInProcess(['lint', file])).stdout).toContain(`${file}:3:12#: JSON syntax error`)
})

it('sample --for reads an input with a byte order mark', async () => {
  const input = join(tmp, 'input.json')
  const record = {
    request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    narration: 'POS TESCO',
    amount: 12.3,
    currency: 'GBP',
    direction: 'debit',
  }
  writeFileSync(input, bom + JSON.stringify(record))
  const withMark = await runInProcess(['sample', contractFile, '--for', input])
  writeFileSync(input, JSON.stringify(record))
  const without = await runInProcess(['sample', contractFile, '--for', input])
  expect(withMark.stderr).toBe('')
  expect(withMark).toEqual(without)
})

it('only a mark at the very start is taken away', () => {
  expect(withoutByteOrderMark(`${bom}{}`)).toBe('{}')
  expect(withoutByteOrderMark(`{}${bom}`)).toBe(`{}${bom}`)
  expect(withoutByteOrderMark('')).toBe('')
  expect(byteOrderMarkLength(Buffer.from(`${bom}x`))).toBe(3)
  expect(byteOrderMarkLength(Buffer.from([0xef, 0xbb]))).toBe(0)
  expect(byteOrderMarkLength(Buffer.from('x'))).toBe(0)
})
