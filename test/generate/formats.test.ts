import {
  registerSchema,
  setShouldValidateFormat,
  validate as hyperjumpValidate,
} from '@hyperjump/json-schema/draft-2020-12'
import '@hyperjump/json-schema/formats'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { compileGenerator, createRng } from '../../src/generate/index.js'

// Every format JSON Schema 2020-12 defines is validated by standin's ajv and generated: 200 values
// of each, judged by ajv and by hyperjump's spec-complete format checks.
const FORMATS = [
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]

it('generates 200 valid values of every 2020-12 format, by ajv and hyperjump', async () => {
  setShouldValidateFormat(true)
  const failures: string[] = []
  for (const format of FORMATS) {
    const schema = { type: 'string', format }
    const uri = `https://standin.test/format/${format}`
    registerSchema(schema, uri, 'https://json-schema.org/draft/2020-12/schema')
    const byHyperjump = await hyperjumpValidate(uri)
    const byAjv = createAjv().compile(schema)
    const generate = compileGenerator(schema)
    const rng = createRng(format)
    for (let i = 0; i < 200; i++) {
      const value = generate(rng)
      if (!byAjv(value) || !byHyperjump(value as never).valid) {
        failures.push(`${format}: ${JSON.stringify(value)}`)
        break
      }
    }
  }
  expect(failures).toEqual([])
})

it('validates the internationalised formats ajv-formats lacks', () => {
  const check = (format: string, value: string): boolean =>
    createAjv().compile({ type: 'string', format })(value)
  expect(check('iri', 'https://münchen.de/straße?q=ü')).toBe(true)
  expect(check('iri', '/relative/only')).toBe(false)
  expect(check('iri', 'https://exa mple.com/')).toBe(false)
  expect(check('iri-reference', '/bücher/1')).toBe(true)
  expect(check('iri-reference', '\\\\WINDOWS\\fileshare')).toBe(false)
  expect(check('idn-hostname', 'bücher.example')).toBe(true)
  expect(check('idn-hostname', 'bü cher.example')).toBe(false)
  expect(check('idn-email', 'josé@bücher.example')).toBe(true)
  expect(check('idn-email', 'no-at-sign.example')).toBe(false)
})
