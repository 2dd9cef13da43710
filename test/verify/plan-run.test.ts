import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { getProtocol } from '../../src/protocol/index.js'
import { planRun } from '../../src/verify/plan-run.js'
import { runSettings } from '../../src/verify/run-settings.js'
import { root } from '../helpers/run-cli.js'

const load = (name: string) => loadContract(`contracts/${name}.contract.yaml`, { cwd: root })

it('gives every record-level negative case what it violates as data, and wire cases none', async () => {
  const contract = await load('transaction-classifier')
  const plan = planRun(contract, runSettings(contract, { cases: 2 }), false)
  const violations = Object.fromEntries(plan.negative.map((c) => [c.id, c.violates]))
  expect(violations['negative:missing-required:/amount']).toEqual({
    pointer: '/amount',
    keyword: 'required',
  })
  expect(violations['negative:out-of-range:/amount:above-maximum']).toEqual({
    pointer: '/amount',
    keyword: 'maximum',
  })
  expect(violations['negative:unknown-enum:/currency']).toEqual({
    pointer: '/currency',
    keyword: 'enum',
  })
  expect(violations['negative:undeclared-field']).toEqual({
    pointer: '',
    keyword: 'additionalProperties',
  })
  for (const c of plan.negative) expect(c.violates === undefined).toBe(c.wire !== undefined)
})

it('marks each perturbed twin with its check kind and index, not only in its id', async () => {
  const contract = await load('transaction-classifier')
  const plan = planRun(contract, runSettings(contract, { cases: 3 }), true)
  expect(plan.behaviour.specs.length).toBeGreaterThan(0)
  for (const spec of plan.behaviour.specs) {
    const { kind, index, check } = spec.behaviour ?? {}
    expect(contract.checks[kind ?? 'invariance']?.[index ?? -1]).toBe(check)
  }
})

it('plans no perturbed twins when model quality is not judged', async () => {
  const contract = await load('transaction-classifier')
  const plan = planRun(contract, runSettings(contract, { cases: 3 }), false)
  expect(plan.behaviour.specs).toEqual([])
  expect(plan.cases.some((c) => c.kind === 'perturbed')).toBe(false)
})

it('replays one case, and a perturbed one with its original first', async () => {
  const contract = await load('transaction-classifier')
  const settings = runSettings(contract, { cases: 3 })
  const twin = planRun(contract, settings, true).behaviour.specs[0]
  const plan = planRun(contract, { ...settings, replay: twin?.id ?? '' }, true)
  expect(plan.cases.map((c) => c.id)).toEqual([twin?.behaviour?.baseId, twin?.id])
})

it('carries an undeclared field over kserve-v2 as an undeclared tensor, read from the violation', async () => {
  const contract = await load('ticket-router')
  const plan = planRun(contract, runSettings(contract, { cases: 1 }), false)
  const spec = plan.negative.find((c) => c.violates?.keyword === 'additionalProperties')
  const kserve = getProtocol('kserve-v2')
  const withViolation = kserve.encodeRequest(contract, spec?.records ?? [], spec?.violates)
  const without = kserve.encodeRequest(contract, spec?.records ?? [])
  const names = (r: typeof without) =>
    (r.body as { inputs: { name: string }[] }).inputs.map((t) => t.name)
  expect(names(without)).not.toContain('standin_undeclared_field')
  expect((withViolation.body as { inputs: unknown[] }).inputs).toContainEqual({
    name: 'standin_undeclared_field',
    shape: [1],
    datatype: 'BOOL',
    data: [true],
  })
})
