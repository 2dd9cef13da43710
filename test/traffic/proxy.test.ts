/**
 * The validating proxy in front of the project's test models on all four protocols: a good
 * model gives zero violations, each output defect gives violations at the right pointers, every
 * byte is forwarded unchanged, and the recording replays through `verify --cases-from` with the
 * same verdicts as the traffic it recorded.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import { startProxy } from '../../src/traffic/index.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'
import { fuelBrain, newsBrain, ticketBrain, transactionBrain } from '../models/brains.js'
import type { Brain } from '../models/brains.js'
import type { Defect } from '../models/defects.js'
import { startModel } from '../models/serve-model.js'
import { inputsOf, sendRecord } from './traffic-helpers.js'

const dir = fileURLToPath(new URL('../../contracts/', import.meta.url))
const tmp = mkdtempSync(join(tmpdir(), 'standin-proxy-'))
const brains = [transactionBrain, ticketBrain, fuelBrain, newsBrain]
const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closers) await close()
})

function roomy(contract: Contract): Contract {
  return {
    ...contract,
    checks: { ...contract.checks, latency: { p50: 2000, p95: 4000, p99: 8000 } },
  }
}

async function behindProxy(brain: Brain, defect: Defect, file: string) {
  const contract = await loadContract(`${dir}${brain.contract}.contract.yaml`)
  const model = await startModel(brain, defect, 0)
  const lines: string[] = []
  const proxy = await startProxy(contract, {
    target: model.url,
    port: 0,
    record: { file },
    log: (l) => lines.push(l),
  })
  const close = async (): Promise<void> => {
    await proxy.close()
    await model.close()
  }
  return { contract, model, proxy, lines, close }
}

/** The input with its first enum field set to a value outside the enum (the envelope stays valid). */
function withBadEnum(input: unknown): unknown {
  const record = input as Record<string, unknown>
  const key = ['currency', 'channel', 'vessel_type', 'source'].find((k) => k in record) ?? ''
  return { ...record, [key]: 'not-in-the-enum' }
}

function recorded(
  file: string,
): { violations: { side: string; pointer: string }[]; outcome: string; inputs?: unknown[] }[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as never)
}

for (const brain of brains) {
  it(`forwards ${brain.contract} traffic unchanged and counts zero violations for the good model`, async () => {
    const file = join(tmp, `${brain.contract}-good.jsonl`)
    const { contract, model, proxy, lines, close } = await behindProxy(brain, 'good', file)
    try {
      const inputs = inputsOf(contract, 12)
      for (const input of inputs) {
        const direct = await sendRecord(contract, model.url, input)
        const through = await sendRecord(contract, proxy.url, input)
        expect(through).toEqual({ ...direct, violations: '0' })
      }
    } finally {
      await close()
    }
    expect(lines).toEqual([])
    const exchanges = recorded(file)
    expect(exchanges).toHaveLength(12)
    expect(exchanges.every((e) => e.outcome === 'answered' && e.violations.length === 0)).toBe(true)
  }, 60_000)

  it(`gives violations at the right pointers for each output defect of the ${brain.contract} model`, async () => {
    const seen: Record<string, string[]> = {}
    const requests: Record<string, string[]> = {}
    for (const defect of [
      'wrong-type',
      'out-of-range',
      'undeclared-field',
      'text',
      'accepts-invalid',
    ] as const) {
      const file = join(tmp, `${brain.contract}-${defect}.jsonl`)
      const { contract, proxy, close } = await behindProxy(brain, defect, file)
      try {
        const [input] = inputsOf(contract, 1)
        const sent = defect === 'accepts-invalid' ? withBadEnum(input) : input
        const answer = await sendRecord(contract, proxy.url, sent)
        expect(Number(answer.violations)).toBeGreaterThan(0)
      } finally {
        await close()
      }
      const pointers = (side: string): string[] => [
        ...new Set(
          recorded(file).flatMap((e) =>
            e.violations.filter((v) => v.side === side).map((v) => v.pointer),
          ),
        ),
      ]
      seen[defect] = pointers('answer')
      requests[defect] = pointers('request')
    }
    const single = brain === transactionBrain
    const at = (field: string): string => `${single ? '' : '/0'}/${field}`
    // kserve-v2 types each tensor: a value of the wrong type is a tensor whose data breaks its
    // datatype, reported by pointer into the answer's envelope (the priority tensor is third).
    expect(seen['wrong-type']).toEqual(
      brain === ticketBrain ? ['/outputs/2/data/0'] : [at(brain.wrongType.field)],
    )
    expect(seen['out-of-range']).toEqual([at(brain.outOfRange.field)])
    expect(seen.text).toEqual([''])
    // The service's request breaks the input enum; the model's fault is answering it with a 200.
    const enumField = ['currency', 'channel', 'vessel_type', 'source'][brains.indexOf(brain)]
    expect(requests['accepts-invalid']).toEqual([`${single ? '' : '/0'}/${enumField}`])
    expect(seen['accepts-invalid']).toEqual([''])
    // kserve-v2 sends the undeclared field as a fifth tensor: the pointer names that tensor.
    expect(seen['undeclared-field']).toEqual(
      brain === ticketBrain ? ['/outputs/4/name'] : [at('debug_trace')],
    )
    for (const defect of ['wrong-type', 'out-of-range', 'undeclared-field', 'text'])
      expect(requests[defect]).toEqual([])
  }, 90_000)
}

function failing(result: VerifyResult): string[] {
  return result.checks
    .filter((c) => c.status === 'failed' || c.status === 'error')
    .map((c) => c.kind)
    .sort()
}

for (const [brain, defect] of [
  [transactionBrain, 'good'],
  [ticketBrain, 'wrong-type'],
  [fuelBrain, 'out-of-range'],
  [newsBrain, 'good'],
] as const) {
  it(`replays the ${brain.contract} (${defect}) recording through verify --cases-from with the same verdicts`, async () => {
    const file = join(tmp, `${brain.contract}-${defect}-replay.jsonl`)
    const { contract, model, proxy, close } = await behindProxy(brain, defect, file)
    closers.push(() => model.close())
    let live: VerifyResult
    try {
      live = await verify(roomy(contract), {
        target: proxy.url,
        seed: 3,
        cases: 20,
        timeoutMs: 5000,
      })
    } finally {
      await proxy.close()
    }
    const replayed = await verify(roomy(contract), {
      target: model.url,
      seed: 3,
      casesFrom: file,
      timeoutMs: 5000,
    })
    await close().catch(() => undefined)
    expect(replayed.cases.filter((c) => c.id.startsWith('real:')).length).toBeGreaterThanOrEqual(20)
    expect(failing(replayed)).toEqual(failing(live))
    expect(replayed.verdict).toBe(live.verdict)
  }, 90_000)
}
