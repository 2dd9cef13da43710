/**
 * The bundled contracts as `Contract` objects for protocol tests, built directly with ajv so these
 * tests do not depend on the contract loader.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { parse } from 'yaml'
import type { Problem } from '../../src/errors.js'
import type { Contract, ValidateFn } from '../../src/contract/contract-types.js'
import { root } from '../helpers/run-cli.js'

const addFormats = addFormatsModule as unknown as (ajv: object) => void

/** The four bundled contracts' names. */
export const bundled = [
  'transaction-classifier',
  'ticket-router',
  'fuel-consumption',
  'news-signals',
] as const

function compile(schema: Record<string, unknown>): ValidateFn {
  const draft07 = JSON.stringify(schema.$schema ?? '').includes('draft-07')
  const ajv = draft07
    ? new Ajv({ allErrors: true, strict: false })
    : new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  const validate = ajv.compile(schema)
  return (value) => {
    if (validate(value)) return []
    return (validate.errors ?? []).map((e): Problem => ({
      code: `schema.${e.keyword}`,
      severity: 'error',
      pointer: e.instancePath,
      message: e.message ?? e.keyword,
    }))
  }
}

/** A bundled contract, or one built from `overrides`. */
export function fixtureContract(name: string, overrides: Partial<Contract> = {}): Contract {
  const raw = parse(readFileSync(`${root}contracts/${name}.contract.yaml`, 'utf8')) as Record<
    string,
    unknown
  >
  const input = raw.input as Record<string, unknown>
  const output = raw.output as Record<string, unknown>
  return {
    contract: 1,
    name: raw.name as string,
    version: raw.version as string,
    protocol: (raw.protocol as Contract['protocol']) ?? 'json',
    endpoint: (raw.endpoint as Contract['endpoint']) ?? { method: 'POST', path: '/predict' },
    input,
    output,
    examples: (raw.examples as Contract['examples']) ?? [],
    checks: {},
    mock: {},
    draft: JSON.stringify(input.$schema ?? '').includes('draft-07') ? 'draft-07' : '2020-12',
    validateInput: compile(input),
    validateOutput: compile(output),
    ...overrides,
  }
}
