import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { contractFormatSchema, loadContract } from '../../src/contract/index.js'
import { isObject } from '../../src/json/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

it('describes every key of the contract format', () => {
  const undocumented: string[] = []
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${pointer}/${i}`))
    if (!isObject(node)) return
    if (isObject(node.properties)) {
      for (const [key, schema] of Object.entries(node.properties)) {
        const documented = isObject(schema) && typeof schema.description === 'string'
        if (!documented) undocumented.push(`${pointer}/properties/${key}`)
      }
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${pointer}/${key}`)
  }
  visit(contractFormatSchema, '')
  expect(undocumented).toEqual([])
})

it('documents each x-standin hint', () => {
  const hints = (contractFormatSchema.$defs as Record<string, { properties: object }>).xStandin
  expect(Object.keys(hints!.properties)).toEqual([
    'sumTo',
    'argmaxOf',
    'maxOf',
    'copy',
    'lengthOf',
    'order',
    'lte',
    'faker',
    'args',
  ])
})

it('loads the example of DESIGN.md with every key it shows', async () => {
  const contract = await loadContract('test/fixtures/contracts/good/design-example.contract.yaml', {
    cwd: root,
  })
  expect(contract.checks.load).toEqual({ rpm: 6000, duration: 30_000 })
  expect(contract.mock).toEqual({ latency: { p50: 40, p99: 250 }, errorRate: 0 })
})

it('ships the format schema as the file the package exports', () => {
  const shipped: unknown = JSON.parse(
    readFileSync(`${root}src/contract/contract.schema.json`, 'utf8'),
  )
  expect(shipped).toEqual(contractFormatSchema)
})
