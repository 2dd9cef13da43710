// Writes the JSON Schema of the json report (`standin verify --reporter json:FILE`) from the
// TypeScript type it is written from (`VerifyResult`, src/verify/result-types.ts), so the two
// cannot drift: dist/src/report/report.schema.json, shipped as `standin/report.schema.json`.
// Every object is closed (additionalProperties: false); a test validates real reports with it.
import { readFileSync, writeFileSync } from 'node:fs'
import { createGenerator } from 'ts-json-schema-generator'

const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
const generated = createGenerator({
  path: 'src/verify/result-types.ts',
  tsconfig: 'tsconfig.build.json',
  type: 'VerifyResult',
  expose: 'export',
  topRef: true,
  jsDoc: 'extended',
  additionalProperties: false,
  skipTypeCheck: true, // tsc has just checked the same files
}).createSchema('VerifyResult')
const schema = {
  $schema: generated.$schema,
  $id: 'https://standin.dev/schemas/report-1.schema.json',
  title: 'standin verify report (format 1)',
  description: `The json report of standin verify: the VerifyResult of standin ${version}, as written by --reporter json:FILE.`,
  $ref: generated.$ref,
  definitions: generated.definitions,
}
writeFileSync('dist/src/report/report.schema.json', `${JSON.stringify(schema, null, 2)}\n`)
