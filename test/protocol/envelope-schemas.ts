/** The protocols' envelope schemas (test/fixtures/protocol/schemas), compiled to check fixtures and encodings by machine. */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { root } from '../helpers/run-cli.js'

const addFormats = addFormatsModule as unknown as (ajv: object) => void
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats(ajv)

/** Returns ajv's error text for `value` against schema `name`, or '' when it is valid. */
export function envelopeErrors(name: string, value: unknown): string {
  const schema = JSON.parse(
    readFileSync(`${root}test/fixtures/protocol/schemas/${name}.schema.json`, 'utf8'),
  ) as object
  const validate = ajv.compile(schema)
  return validate(value) ? '' : ajv.errorsText(validate.errors)
}

/** The request envelope schema of each protocol (json has none: the body is the record). */
export const requestSchema: Record<string, string | undefined> = {
  'kserve-v2': 'kserve-v2-inference-request',
  v1: 'v1-predict-request',
  mlflow: 'mlflow-invocations-request',
  json: undefined,
}

/** The response envelope schema of each protocol. */
export const responseSchema: Record<string, string | undefined> = {
  'kserve-v2': 'kserve-v2-inference-response',
  v1: 'predictions-response',
  mlflow: 'predictions-response',
  json: undefined,
}

/** The error body schema of each protocol. */
export const errorSchema: Record<string, string> = {
  'kserve-v2': 'error-string',
  v1: 'error-string',
  mlflow: 'mlflow-error',
  json: 'problem-json',
}
