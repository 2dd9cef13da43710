/**
 * The store on both backends: migrations at start (and again, idempotent), tokens stored hashed,
 * versions immutable by a unique constraint, every write with its audit row.
 */
import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/registry/store/open-store.js'
import { hashSecret } from '../../src/registry/store/tokens.js'
import { backends } from './backends.js'

const version = (v: string, digest = `d-${v}`) => ({
  name: 'clf',
  version: v,
  digest,
  document: { name: 'clf', version: v },
  protocol: 'json',
  by: 'ci',
})

describe.each(backends)('the registry store on $name', (backend) => {
  it('migrates at start, twice without harm, and keeps tokens as sha256 only', async () => {
    const location = await backend.fresh()
    const first = await openStore(location)
    expect(first.schemaVersion).toBe(1)
    const secret = await first.createToken('ci', 'publish', 'admin-cli')
    expect(secret).toMatch(/^stk_[A-Za-z0-9_-]{43}$/)
    await first.close()
    const again = await openStore(location)
    expect(again.schemaVersion).toBe(1)
    expect(await again.findToken(secret)).toEqual({ name: 'ci', role: 'publish' })
    expect(await again.findToken(`${secret.slice(0, -1)}x`)).toBeUndefined()
    const audit = await again.audit(10)
    expect(audit.map((a) => [a.action, a.subject, a.detail])).toEqual([
      ['token', 'ci', { role: 'publish' }],
    ])
    await again.close()
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('publishes once per version: identical is a no-op, other content is taken', async () => {
    const store = await openStore(await backend.fresh())
    const none = () => Promise.resolve(undefined)
    expect(await store.publish(version('1.0.0'), none)).toEqual({ outcome: 'created' })
    expect(await store.publish(version('1.0.0'), none)).toEqual({ outcome: 'identical' })
    expect(await store.publish(version('1.0.0', 'other'), none)).toEqual({
      outcome: 'exists',
      digest: 'd-1.0.0',
    })
    await store.publish(version('1.10.0'), none)
    await store.publish(version('1.2.0'), none)
    expect(await store.versionNames('clf')).toEqual(['1.10.0', '1.2.0', '1.0.0'])
    const [summary] = await store.contracts()
    expect(summary).toMatchObject({ name: 'clf', latest: '1.10.0', versions: 3, consumers: 0 })
    expect((await store.audit(10)).map((a) => a.subject)).toEqual([
      'clf@1.2.0',
      'clf@1.10.0',
      'clf@1.0.0',
    ])
    await store.close()
  })

  it('rolls a refused publish back whole: no version, no audit row', async () => {
    const store = await openStore(await backend.fresh())
    await expect(
      store.publish(version('1.0.0'), () => Promise.reject(new Error('refused by a rule'))),
    ).rejects.toThrow('refused by a rule')
    expect(await store.versionNames('clf')).toEqual([])
    expect(await store.audit(10)).toEqual([])
    await store.close()
  })
})
