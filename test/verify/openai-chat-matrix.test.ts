/**
 * The LLM verdict matrix (issue 16): verify judges an OpenAI-compatible server right. The good
 * local server passes (its invariances, examples and streaming promises included); each LLM
 * defect fails exactly the check that should catch it. Latency promises are widened for a busy
 * machine except the time to first token, which the `slow-first-token` defect is about.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import type { Contract } from '../../src/contract/contract-types.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'
import { fixtureContract } from '../protocol/fixture-contracts.js'
import { chatDefects, startChatModel } from '../models/openai-chat-model.js'
import type { ChatDefect } from '../models/openai-chat-model.js'

const bundled = await fixtureContract('support-email-extractor')
/** Room for a loaded machine: the first token within 300 ms at p50 (the good server takes 30). */
const contract: Contract = {
  ...bundled,
  checks: {
    ...bundled.checks,
    latency: {
      p50: 2000,
      p95: 4000,
      p99: 8000,
      timeToFirstToken: { p50: 300, p95: 500 },
      tokensPerSecond: { p50: 20, p95: 5 },
    },
  },
}

/** Sent with every request, streams included; none may appear in a result. */
const secrets = {
  authorization: 'Bearer sk-test-4f9a8b7c6d5e',
  'openai-organization': 'org-7Hq2Lm9Xc4',
  'openai-project': 'proj_Zx81Yw64Vu',
}

async function run(defect: ChatDefect, seed = 11): Promise<VerifyResult> {
  const model = await startChatModel(defect)
  try {
    return await verify(contract, {
      target: model.url,
      seed,
      cases: 20,
      timeoutMs: 5000,
      headers: secrets,
    })
  } finally {
    await model.close()
  }
}

function failing(result: VerifyResult): string[] {
  return [
    ...new Set(
      result.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.kind),
    ),
  ]
}

it('passes the good local OpenAI-compatible server, streams and invariances included', async () => {
  for (const seed of [1, 2]) {
    const result = await run('good', seed)
    expect({ seed, failing: failing(result), verdict: result.verdict }).toEqual({
      seed,
      failing: [],
      verdict: 'passed',
    })
    const passed = result.checks.filter((c) => c.status === 'passed').map((c) => c.kind)
    expect(passed).toEqual(
      expect.arrayContaining(['protocol', 'streaming', 'examples', 'invariance', 'tokenLatency']),
    )
    expect(result.streaming?.count).toBe(20)
    const text = JSON.stringify(result)
    for (const value of ['sk-test-4f9a8b7c6d5e', 'org-7Hq2Lm9Xc4', 'proj_Zx81Yw64Vu'])
      expect(text).not.toContain(value)
    const streamed = result.cases.find((c) => c.kind === 'streamed')
    expect(streamed?.request?.headers).toMatchObject({
      authorization: '***',
      'openai-organization': '***',
      'openai-project': '***',
    })
  }
}, 60_000)

it('fails exactly the check each LLM defect targets', async () => {
  const seen: { defect: string; failing: string[] }[] = []
  const wanted: { defect: string; failing: string[] }[] = []
  for (const defect of Object.keys(chatDefects) as ChatDefect[]) {
    if (defect === 'good') continue
    seen.push({ defect, failing: failing(await run(defect)) })
    wanted.push({ defect, failing: [...chatDefects[defect].fails] })
  }
  expect(seen).toEqual(wanted)
}, 120_000)

it("keeps the README's LLM defect table in step with the defects", () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')
  const section = readme.slice(readme.indexOf('## LLM endpoints'))
  const rows = (Object.keys(chatDefects) as ChatDefect[]).map((defect) => {
    const row = section.split('\n').find((line) => line.trim().startsWith(`| ${defect} |`))
    return { defect, fails: row?.split('|').at(-2)?.trim() }
  })
  expect(rows).toEqual(
    (Object.keys(chatDefects) as ChatDefect[]).map((defect) => ({
      defect,
      fails: defect === 'good' ? 'nothing (seeds 1 and 2)' : chatDefects[defect].fails.join(', '),
    })),
  )
})
