import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { renderJunit } from '../../src/report/index.js'
import { hostile, sampleResult } from './sample-result.js'

const xsd = fileURLToPath(new URL('../fixtures/junit/junit-10.xsd', import.meta.url))

function validate(xml: string): { code: number | null; stderr: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'standin-junit-')), 'junit.xml')
  writeFileSync(file, xml)
  const run = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' })
  return { code: run.status, stderr: run.stderr }
}

it('writes JUnit XML that validates against the Jenkins junit-10 schema', () => {
  const run = validate(renderJunit(sampleResult()))
  expect(run.stderr).toMatch(/validates$/m)
  expect(run.code).toBe(0)
})

it('has the schema reject a report that breaks it, so the validation can fail', () => {
  const run = validate(
    '<?xml version="1.0"?>\n<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>\n',
  )
  expect(run.code).not.toBe(0)
})

it('writes one testcase per check and case, with failures, errors and skips', () => {
  const xml = renderJunit(sampleResult())
  expect(xml.match(/<testcase /g)?.length).toBe(3 + 1 + 1 + 1 + 1 + 1 + 1 + 1)
  expect(xml).toContain(
    '<testsuites name="standin verify transaction-classifier@1.2.0" tests="10" failures="4" errors="1"',
  )
  expect(xml).toContain('<error message="no answer within 10000 ms" type="unreachable">')
  expect(xml).toContain('<skipped message="skipped: the contract has no examples"/>')
  expect(xml).toContain(
    'replay: standin verify contracts/transaction-classifier.contract.yaml --target http://127.0.0.1:8080/ --seed 7 --cases 3 --replay generated:0',
  )
})

it('escapes every value, so markup in a model answer cannot break the XML', () => {
  const xml = renderJunit(sampleResult())
  expect(xml).not.toContain(hostile)
  expect(xml).toContain(
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos; ]]&gt; \uFFFD',
  )
})

it('writes a failed protocol check as a testcase per endpoint, without a replay line', () => {
  const base = sampleResult()
  const protocol = {
    id: 'protocol',
    kind: 'protocol' as const,
    name: 'protocol',
    status: 'failed' as const,
    summary: 'model ready: answered HTTP 503, expected 200',
    cases: [
      {
        caseId: 'GET /v2/models/ticket-router/ready',
        status: 'failed' as const,
        message: 'model ready: answered HTTP 503, expected 200',
        problems: [],
      },
    ],
    measurements: { endpoints: 5, failed: 1 },
  }
  const xml = renderJunit({ ...base, checks: [protocol, ...base.checks] })
  expect(xml).toContain('name="protocol: GET /v2/models/ticket-router/ready"')
  expect(xml).toContain(
    '<failure message="model ready: answered HTTP 503, expected 200" type="protocol">GET /v2/models/ticket-router/ready: model ready: answered HTTP 503, expected 200</failure>',
  )
  expect(validate(xml).code).toBe(0)
})
