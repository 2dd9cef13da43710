/**
 * The registry's HTTP API on a real server (ephemeral loopback port), against PGlite and against
 * a real PostgreSQL: the publish rules, tokens and roles, verifications, approvals, can-swap, the
 * audit log, the pages, 50 concurrent publishes of one version, and a database that goes away.
 */
import { createHash } from 'node:crypto'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/generate/index.js'
import { openStore, startRegistry } from '../../src/registry/index.js'
import type { RegistryServer, Store } from '../../src/registry/index.js'
import { backends } from './backends.js'
import { call, contract, report } from './fixtures.js'

const digest = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex')

describe.each(backends)('the registry API on $name', (backend) => {
  let store: Store
  let registry: RegistryServer
  const tokens: Record<string, string> = {}
  const api = (
    method: string,
    path: string,
    options: Parameters<typeof call>[3] = {},
  ): ReturnType<typeof call> => call(registry.url, method, path, options)
  const publish = (version: string, c: Record<string, unknown>, token: string | null = null) =>
    api('PUT', `/api/contracts/${String(c.name)}/versions/${version}`, {
      body: { contract: c },
      ...(token !== '' ? { token: token ?? tokens.publish ?? '' } : {}),
    })

  beforeAll(async () => {
    store = await openStore(await backend.fresh())
    for (const role of ['publish', 'verify', 'approve', 'admin'] as const)
      tokens[role] = await store.createToken(`${role}-bot`, role, 'test')
    registry = await startRegistry({ store, port: 0 })
  }, 120_000)

  afterAll(async () => {
    await registry.close()
    await store.close()
  })

  it('answers health and binds 127.0.0.1', async () => {
    const health = await api('GET', '/api/health')
    expect(health.status).toBe(200)
    expect(health.json).toMatchObject({ ok: true, database: backend.name, schemaVersion: 1 })
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/)
  })

  it('publishes a version, treats the same content as a no-op and other content as a 409', async () => {
    const first = await publish('1.0.0', contract('1.0.0'))
    expect(first.status).toBe(201)
    expect(first.json).toEqual({
      name: 'txn-clf',
      version: '1.0.0',
      digest: digest(contract('1.0.0')),
      created: true,
    })
    const again = await publish('1.0.0', contract('1.0.0'))
    expect([again.status, again.json.created]).toEqual([200, false])
    const other = await publish(
      '1.0.0',
      contract('1.0.0', (c) => (c.description = 'other')),
    )
    expect(other.status).toBe(409)
    expect(other.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(other.json).toMatchObject({
      type: 'https://standin.dev/problems/registry.version-exists',
      title: 'Conflict',
      status: 409,
      code: 'registry.version-exists',
    })
    expect(other.json.detail).toMatch(
      /^txn-clf@1\.0\.0 is already published with other content \(digest [0-9a-f]{12}, this one [0-9a-f]{12}\); versions are immutable: publish a new version\.$/,
    )
    const stored = await api('GET', '/api/contracts/txn-clf/versions/1.0.0')
    expect(stored.json.contract).toEqual(contract('1.0.0'))
    expect(stored.json.digest).toBe(digest(contract('1.0.0')))
  })

  it('refuses what is not semver, not the named contract, or not a contract, and writes nothing', async () => {
    const before = (await api('GET', '/api/audit')).json.length
    const notSemver = await publish('1.0', contract('1.0'))
    expect([notSemver.status, notSemver.json.code, notSemver.json.detail]).toEqual([
      422,
      'registry.not-semver',
      '"1.0" is not a semantic version; use MAJOR.MINOR.PATCH such as 1.0.0 (a pre-release such as 2.0.0-rc.1 is fine).',
    ])
    const wrongName = await api('PUT', '/api/contracts/other/versions/1.0.0', {
      body: { contract: contract('1.0.0') },
      token: tokens.publish,
    })
    expect([wrongName.status, wrongName.json.code, wrongName.json.detail]).toEqual([
      422,
      'registry.name-mismatch',
      'The path names the contract "other", but the contract\'s name is "txn-clf".',
    ])
    const wrongVersion = await publish('1.0.1', contract('1.0.2'))
    expect([wrongVersion.status, wrongVersion.json.code]).toEqual([
      422,
      'registry.version-mismatch',
    ])
    const invalid = await publish(
      '1.0.1',
      contract('1.0.1', (c) => (c.output.properties.confidence = { type: 'numbr' })),
    )
    expect([invalid.status, invalid.json.code]).toEqual([422, 'registry.invalid-contract'])
    expect(invalid.json.problems[0].pointer).toBe('/contract/output/properties/confidence/type')
    const notJson = await api('PUT', '/api/contracts/txn-clf/versions/1.0.1', {
      raw: '{"contract":',
      token: tokens.publish,
    })
    expect([notJson.status, notJson.json.code]).toEqual([400, 'registry.bad-request'])
    const huge = await api('PUT', '/api/contracts/txn-clf/versions/1.0.1', {
      raw: JSON.stringify({ contract: contract('1.0.1'), source: 'x'.repeat(9 * 1024 * 1024) }),
      token: tokens.publish,
    })
    expect([huge.status, huge.json.code, huge.json.detail]).toEqual([
      413,
      'registry.too-large',
      `The body is ${9 * 1024 * 1024 + JSON.stringify({ contract: contract('1.0.1'), source: '' }).length} bytes; the registry takes at most 8388608 bytes (8 MiB).`,
    ])
    expect((await api('GET', '/api/contracts/txn-clf')).json.versions).toHaveLength(1)
    expect((await api('GET', '/api/audit')).json).toHaveLength(before)
  })

  it('refuses a bump smaller than the changes, and a change that breaks a consumer field', async () => {
    const noNote = contract('1.1.0', (c) => delete c.output.properties.note)
    const small = await publish('1.1.0', noNote)
    expect([small.status, small.json.code, small.json.detail]).toEqual([
      422,
      'registry.bump-too-small',
      'txn-clf@1.1.0 is a minor bump over 1.0.0, but its changes call for a major bump (output: the field "note" was removed (consumers that read it break)); publish it as 2.0.0 or later.',
    ])
    const consumer = await api('PUT', '/api/consumers/checkout/contracts/txn-clf', {
      body: { range: '^1', fields: ['/category'] },
      token: tokens.publish,
    })
    expect(consumer.status).toBe(200)
    expect(consumer.json).toMatchObject({
      service: 'checkout',
      contract: 'txn-clf',
      range: '^1',
      fields: ['/category'],
      declaredBy: 'publish-bot',
    })
    const noCategory = contract('1.1.0', (c) => {
      delete c.output.properties.category
      c.output.required = ['confidence']
    })
    const broken = await publish('1.1.0', noCategory)
    expect([broken.status, broken.json.code, broken.json.detail]).toEqual([
      422,
      'registry.consumer-broken',
      'txn-clf@1.1.0 breaks a registered consumer: service "checkout" reads /category, which this version removes.',
    ])
    // A new category value is a breaking change at /category (looser output), even in a major.
    await api('PUT', '/api/consumers/ledger/contracts/txn-clf', {
      body: { range: '>=1', fields: ['/category', '/confidence'] },
      token: tokens.publish,
    })
    const widened = contract('2.0.0', (c) => {
      c.output.properties.category = { type: 'string', enum: ['food', 'travel', 'rent'] }
    })
    const ledger = await publish('2.0.0', widened)
    expect([ledger.status, ledger.json.code, ledger.json.detail]).toEqual([
      422,
      'registry.consumer-broken',
      'txn-clf@2.0.0 breaks a registered consumer: service "ledger" reads /category, which this version breaks: output: new value "rent" (consumers may receive values they were promised they would not).',
    ])
    // Dropping a field no consumer reads, in a major: published, with the diff.
    const major = await publish(
      '2.0.0',
      contract('2.0.0', (c) => delete c.output.properties.note),
    )
    expect(major.status).toBe(201)
    expect(major.json.diff).toMatchObject({
      from: '1.0.0',
      to: '2.0.0',
      required: 'major',
      actual: 'major',
    })
    const resolved = await api('GET', '/api/contracts/txn-clf/resolve?range=%5E1')
    expect([resolved.status, resolved.json.version]).toEqual([200, '1.0.0'])
    const none = await api('GET', '/api/contracts/txn-clf/resolve?range=%5E3')
    expect([none.status, none.json.code]).toEqual([404, 'registry.no-matching-version'])
    const diff = await api('GET', '/api/contracts/txn-clf/diff?from=1.0.0&to=2.0.0')
    expect(diff.json.changes).toEqual([
      {
        impact: 'breaking',
        pointer: '/output/properties/note',
        message: 'output: the field "note" was removed (consumers that read it break)',
      },
    ])
  })

  it('needs a token with the right role to write: 401 with www-authenticate, or 403', async () => {
    const none = await publish('9.0.0', contract('9.0.0'), '')
    expect([none.status, none.json.code, none.headers['www-authenticate']]).toEqual([
      401,
      'registry.unauthorized',
      'Bearer realm="standin registry"',
    ])
    const wrong = await publish('9.0.0', contract('9.0.0'), `stk_${'A'.repeat(43)}`)
    expect([wrong.status, wrong.json.code]).toEqual([401, 'registry.unauthorized'])
    const forbidden = await publish('9.0.0', contract('9.0.0'), tokens.verify)
    expect([forbidden.status, forbidden.json.code, forbidden.json.detail]).toEqual([
      403,
      'registry.forbidden',
      'The token "verify-bot" has the verify role; Publishing needs the publish role.',
    ])
    const approveAsPublisher = await api('POST', '/api/approvals', {
      body: {},
      token: tokens.publish,
    })
    expect(approveAsPublisher.status).toBe(403)
    expect((await api('GET', '/api/contracts/txn-clf')).json.versions).toHaveLength(2)
  })

  it('reads requireApproval as true or false in any case, and refuses any other value', async () => {
    const swap = (value: string) =>
      api(
        'GET',
        `/api/can-swap?model=fraud-model%402.1.0&contract=txn-clf&requireApproval=${value}`,
      )
    for (const value of ['true', 'True', 'TRUE', '1', ''])
      expect((await swap(value)).json.requireApproval, value).toBe(true)
    for (const value of ['false', 'False', '0'])
      expect((await swap(value)).json.requireApproval, value).toBe(false)
    for (const value of ['yes', 'on', 'no']) {
      const refused = await swap(value)
      expect([refused.status, refused.json.code, refused.json.detail], value).toEqual([
        400,
        'registry.bad-request',
        `requireApproval must be true or false (or 1 or 0), not '${value}'.`,
      ])
      const page = await api(
        'GET',
        `/can-swap?model=fraud-model%402.1.0&contract=txn-clf&requireApproval=${value}`,
      )
      expect(page.status, value).toBe(400)
    }
  })

  it('records verifications, approves passing ones only, and answers can-swap no then yes', async () => {
    const swap = () =>
      api('GET', '/api/can-swap?model=fraud-model%402.1.0&contract=txn-clf&requireApproval=true')
    const before = await swap()
    expect(before.json).toMatchObject({ canSwap: false, requireApproval: true })
    expect(before.json.missing).toEqual([
      'no passing verification of fraud-model@2.1.0 against txn-clf@2.0.0 (read by ledger)',
      'no passing verification of fraud-model@2.1.0 against txn-clf@1.0.0 (read by checkout, ledger)',
    ])
    const failed = report('txn-clf', '1.0.0', 'failed', 7)
    const stored = async (version: string): Promise<unknown> =>
      (await api('GET', `/api/contracts/txn-clf/versions/${version}`)).json?.digest as unknown
    const post = async (
      r: { reportText: string; reportHash: string },
      version = '1.0.0',
      extra = {},
    ) =>
      api('POST', '/api/verifications', {
        body: {
          contract: { name: 'txn-clf', version },
          model: { name: 'fraud-model', version: '2.1.0' },
          contractDigest: await stored(version),
          ...r,
          ...extra,
        },
        token: tokens.verify,
        headers: { 'user-agent': 'standin/0.1.0 node' },
      })
    const mismatch = await post({ ...failed, reportHash: 'f'.repeat(64) })
    expect([mismatch.status, mismatch.json.code]).toEqual([422, 'registry.report-hash-mismatch'])
    const unknown = await post(report('txn-clf', '7.0.0', 'passed'), '7.0.0')
    expect([unknown.status, unknown.json.code]).toEqual([422, 'registry.unknown-version'])
    const recordedFail = await post(failed)
    expect(recordedFail.status).toBe(201)
    expect(recordedFail.json).toMatchObject({
      verdict: 'failed',
      seed: 7,
      standinVersion: '0.1.0',
      reportHash: failed.reportHash,
      hasHtml: false,
      createdBy: 'verify-bot',
    })
    const approveFailed = await api('POST', '/api/approvals', {
      body: {
        model: { name: 'fraud-model', version: '2.1.0' },
        contract: { name: 'txn-clf', version: '1.0.0' },
        reportHash: failed.reportHash,
        by: 'Ada',
      },
      token: tokens.approve,
    })
    expect([approveFailed.status, approveFailed.json.code]).toEqual([
      422,
      'registry.approve-failed',
    ])
    const approveUnknown = await api('POST', '/api/approvals', {
      body: {
        model: { name: 'fraud-model', version: '2.1.0' },
        contract: { name: 'txn-clf', version: '1.0.0' },
        reportHash: 'a'.repeat(64),
        by: 'Ada',
      },
      token: tokens.approve,
    })
    expect([approveUnknown.status, approveUnknown.json.code]).toEqual([
      404,
      'registry.unknown-verification',
    ])
    const passes: string[] = []
    for (const version of ['1.0.0', '2.0.0']) {
      const passed = report('txn-clf', version, 'passed', 42)
      const recorded = await post(passed, version, { html: '<html><body>report</body></html>' })
      expect(recorded.json).toMatchObject({ verdict: 'passed', seed: 42, hasHtml: true })
      passes.push(recorded.json.id as string)
    }
    const one = await api('GET', `/api/verifications/${passes[0] ?? ''}`)
    expect(one.json.report).toMatchObject({ format: 1, verdict: 'passed' })
    const html = await api('GET', `/api/verifications/${passes[0] ?? ''}/report.html`)
    expect([html.status, html.text, html.headers['content-security-policy']]).toEqual([
      200,
      '<html><body>report</body></html>',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    ])
    const listed = await api(
      'GET',
      '/api/verifications?model=fraud-model%402.1.0&contract=txn-clf%401.0.0',
    )
    expect(listed.json.map((v: { verdict: string }) => v.verdict)).toEqual(['passed', 'failed'])
    const unapproved = await swap()
    expect(unapproved.json.canSwap).toBe(false)
    expect(unapproved.json.missing).toEqual([
      'no approval of fraud-model@2.1.0 against txn-clf@2.0.0 (read by ledger)',
      'no approval of fraud-model@2.1.0 against txn-clf@1.0.0 (read by checkout, ledger)',
    ])
    expect(
      (await api('GET', '/api/can-swap?model=fraud-model%402.1.0&contract=txn-clf')).json.canSwap,
    ).toBe(true)
    for (const version of ['1.0.0', '2.0.0']) {
      const approved = await api('POST', '/api/approvals', {
        body: {
          model: { name: 'fraud-model', version: '2.1.0' },
          contract: { name: 'txn-clf', version },
          reportHash: report('txn-clf', version, 'passed', 42).reportHash,
          by: 'Ada Lovelace',
          note: 'reviewed the report',
        },
        token: tokens.approve,
      })
      expect(approved.status).toBe(201)
      expect(approved.json).toMatchObject({ by: 'Ada Lovelace', note: 'reviewed the report' })
    }
    const after = await swap()
    expect(after.json).toMatchObject({ canSwap: true, missing: [] })
    expect(
      after.json.rows.map((r: { contractVersion: string; ok: boolean }) => [
        r.contractVersion,
        r.ok,
      ]),
    ).toEqual([
      ['2.0.0', true],
      ['1.0.0', true],
    ])
  })

  it('keeps an audit row for every write, newest first', async () => {
    const audit = await api('GET', '/api/audit?limit=1000')
    const rows = audit.json as { action: string; actor: string; subject: string }[]
    expect(rows.map((r) => r.action)).toEqual([
      'approve',
      'approve',
      'verification',
      'verification',
      'verification',
      'publish',
      'consume',
      'consume',
      'publish',
      'token',
      'token',
      'token',
      'token',
    ])
    expect(rows.find((r) => r.action === 'publish')).toMatchObject({
      actor: 'publish-bot',
      subject: 'txn-clf@2.0.0',
    })
  })

  it('serves the pages as HTML under a strict CSP, every value escaped', async () => {
    const verification = (await api('GET', '/api/verifications?limit=1')).json[0] as { id: string }
    for (const path of [
      '/',
      '/contracts/txn-clf',
      `/verifications/${verification.id}`,
      '/can-swap?model=fraud-model%402.1.0&contract=txn-clf',
    ]) {
      const page = await api('GET', path)
      expect(page.status, path).toBe(200)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      )
      expect(page.text).not.toContain('<script')
    }
    const home = await api('GET', '/')
    expect(home.text).toContain('Classifies narrations &lt;script&gt;alert(1)&lt;/script&gt;')
    const missing = await api('GET', '/contracts/nope')
    expect([missing.status, missing.json.code]).toEqual([404, 'registry.unknown-contract'])
    const route = await api('GET', '/api/nothing')
    expect([route.status, route.json.code]).toEqual([404, 'registry.not-found'])
  })

  it('refuses a verification of other content than the published version, or of the stand-in', async () => {
    const published = contract('1.0.0', () => undefined, 'gate-clf')
    expect((await publish('1.0.0', published)).status).toBe(201)
    const post = (reportText: string, contractDigest?: string) =>
      api('POST', '/api/verifications', {
        body: {
          contract: { name: 'gate-clf', version: '1.0.0' },
          model: { name: 'fraud-model', version: '2.1.0' },
          reportText,
          reportHash: createHash('sha256').update(reportText).digest('hex'),
          ...(contractDigest !== undefined ? { contractDigest } : {}),
        },
        token: tokens.verify,
      })
    const { reportText } = report('gate-clf', '1.0.0', 'passed')
    const weaker = contract('1.0.0', (c) => (c.output.required = []), 'gate-clf')
    const edited = await post(reportText, digest(weaker))
    expect([edited.status, edited.json.code, edited.json.detail]).toEqual([
      422,
      'registry.contract-mismatch',
      `The run verified other content than the published gate-clf@1.0.0 (digest ${digest(weaker).slice(0, 12)}, published ${digest(published).slice(0, 12)}): a local copy that differs from the registry's. Verify the published contract, registry://<host>/gate-clf@1.0.0, and publish again.`,
    ])
    const old = await post(reportText)
    expect([old.status, old.json.code, old.json.detail]).toEqual([
      422,
      'registry.contract-mismatch',
      'The verification does not say which content of gate-clf@1.0.0 it ran (no contractDigest): this standin is older than the registry. Upgrade standin and run verify --publish again.',
    ])
    const mock = await post(
      reportText.replace('"kind": "url"', '"kind": "mock"'),
      digest(published),
    )
    expect([mock.status, mock.json.code]).toEqual([422, 'registry.stand-in-report'])
    const fn = await post(
      reportText.replace('"kind": "url"', '"kind": "function"'),
      digest(published),
    )
    expect([fn.status, fn.json.code]).toEqual([422, 'registry.stand-in-report'])
    expect(
      (await api('GET', '/api/can-swap?model=fraud-model%402.1.0&contract=gate-clf')).json.canSwap,
    ).toBe(false)
    const real = await post(reportText, digest(published))
    expect(real.status).toBe(201)
    expect(
      (await api('GET', '/api/can-swap?model=fraud-model%402.1.0&contract=gate-clf')).json.canSwap,
    ).toBe(true)
  })

  it('holds the bump and consumer rules against a version published out of order or concurrently', async () => {
    const without = (v: string, name: string) =>
      contract(
        v,
        (c) => {
          delete c.output.properties.confidence
          c.output.required = ['category']
        },
        name,
      )
    expect((await publish('1.0.1', without('1.0.1', 'ooo-clf'))).status).toBe(201)
    const lower = await publish(
      '1.0.0',
      contract('1.0.0', () => undefined, 'ooo-clf'),
    )
    expect([lower.status, lower.json.code]).toEqual([422, 'registry.bump-too-small'])
    expect(lower.json.detail).toMatch(
      /^ooo-clf@1\.0\.0 would sit below 1\.0\.1, which is a patch bump over it, but the changes from 1\.0\.0 to 1\.0\.1 call for a major bump \(/,
    )
    expect((await publish('2.0.5', without('2.0.5', 'ooo-svc'))).status).toBe(201)
    await api('PUT', '/api/consumers/ledger/contracts/ooo-svc', {
      body: { range: '^2.0', fields: ['/confidence'] },
      token: tokens.publish,
    })
    const broken = await publish(
      '2.0.0',
      contract('2.0.0', () => undefined, 'ooo-svc'),
    )
    expect([broken.status, broken.json.code, broken.json.detail]).toEqual([
      422,
      'registry.consumer-broken',
      'ooo-svc@2.0.0 breaks a registered consumer: service "ledger" reads /confidence, which this version removes.',
    ])
    for (let round = 0; round < 5; round++) {
      const name = `race-clf-${round}`
      const both = await Promise.all([
        publish(
          '1.0.0',
          contract('1.0.0', () => undefined, name),
        ),
        publish('1.0.1', without('1.0.1', name)),
      ])
      expect(both.map((a) => a.status).sort(), name).toEqual([201, 422])
    }
  })

  it('keeps pre-releases out of plain ranges and latest, and in ranges that name one', async () => {
    const pre = (v: string) => contract(v, () => undefined, 'pre-clf')
    for (const v of ['1.0.0', '1.1.0-rc.1']) expect((await publish(v, pre(v))).status, v).toBe(201)
    const declared = await api('PUT', '/api/consumers/checkout/contracts/pre-clf', {
      body: { range: '^1.0', fields: ['/category'] },
      token: tokens.publish,
    })
    expect(declared.status).toBe(200)
    const resolve = async (range: string): Promise<unknown> =>
      (await api('GET', `/api/contracts/pre-clf/resolve?range=${encodeURIComponent(range)}`)).json
        .version as unknown
    expect(await resolve('^1.0')).toBe('1.0.0')
    expect(await resolve('*')).toBe('1.0.0')
    expect(await resolve('^1.1.0-rc.1')).toBe('1.1.0-rc.1')
    const swap = await api('GET', '/api/can-swap?model=m%401.0.0&contract=pre-clf')
    expect(swap.json.rows.map((r: { contractVersion: string }) => r.contractVersion)).toEqual([
      '1.0.0',
    ])
    expect(
      (
        await publish(
          '2.0.0-rc.1',
          contract('2.0.0-rc.1', () => undefined, 'rc-only'),
        )
      ).status,
    ).toBe(201)
    const none = await api('GET', '/api/contracts/rc-only/resolve?range=*')
    expect([none.status, none.json.code, none.json.detail]).toEqual([
      404,
      'registry.no-matching-version',
      'No published version of rc-only is in the range *; published: 2.0.0-rc.1. A pre-release is in a range only when the range names one: ask for rc-only@2.0.0-rc.1.',
    ])
    const rcSwap = await api('GET', '/api/can-swap?model=m%401.0.0&contract=rc-only')
    expect(rcSwap.json.rows.map((r: { contractVersion: string }) => r.contractVersion)).toEqual([
      '2.0.0-rc.1',
    ])
  })

  it('says nothing when a client hangs up mid-upload, and nothing when it stops during one', async () => {
    const lines: string[] = []
    const quiet = await startRegistry({ store, port: 0, log: (line) => lines.push(line) })
    const upload = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const socket = connect(quiet.port, '127.0.0.1', () => {
          socket.write(
            `PUT /api/contracts/txn-clf/versions/9.0.0 HTTP/1.1\r\nhost: x\r\n` +
              `authorization: Bearer ${tokens.publish ?? ''}\r\ncontent-type: application/json\r\n` +
              'content-length: 100000\r\n\r\n{"contract":',
          )
        })
        socket.on('error', reject)
        socket.on('close', () => resolve())
        setTimeout(() => socket.destroy(), 300)
      })
    await upload()
    const stopping = upload()
    await new Promise((resolve) => setTimeout(resolve, 150))
    await quiet.close()
    await stopping
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(lines).toEqual([])
  })

  it('lets exactly one of 50 concurrent publishes of a new version win; the others get 409', async () => {
    const bodies = Array.from({ length: 50 }, (_, i) =>
      contract('3.0.0', (c) => (c.description = `attempt ${i}`), 'race'),
    )
    const answers = await Promise.all(bodies.map((c) => publish('3.0.0', c)))
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    const winner = answers.find((a) => a.status === 201)?.json as { digest: string }
    const stored = await api('GET', '/api/contracts/race/versions/3.0.0')
    expect(stored.json.digest).toBe(winner.digest)
    expect(digest(stored.json.contract)).toBe(winner.digest)
    expect((await api('GET', '/api/contracts/race')).json.versions).toHaveLength(1)
    const audit = (await api('GET', '/api/audit?limit=1000')).json as { subject: string }[]
    expect(audit.filter((a) => a.subject === 'race@3.0.0')).toHaveLength(1)
  }, 120_000)

  it('answers 503 when the database goes away during requests, and recovers when it is back', async () => {
    const own = await openStore(await backend.fresh())
    const server = await startRegistry({ store: own, port: 0 })
    try {
      expect((await call(server.url, 'GET', '/api/contracts')).status).toBe(200)
      const cluster = backend.name === 'postgres' ? await backend.cluster() : undefined
      if (cluster) await cluster.halt()
      else await own.close()
      const down = await call(server.url, 'GET', '/api/contracts')
      expect([down.status, down.json.code, down.headers['retry-after']]).toEqual([
        503,
        'registry.database-unavailable',
        '5',
      ])
      expect(down.json.detail).toMatch(
        /^The registry's database is unavailable \(.+\); nothing was written\. Try again when it is back\.$/,
      )
      if (cluster) {
        await cluster.restart()
        let back = await call(server.url, 'GET', '/api/contracts')
        for (let i = 0; i < 20 && back.status !== 200; i++) {
          await new Promise((r) => setTimeout(r, 250))
          back = await call(server.url, 'GET', '/api/contracts')
        }
        expect(back.status).toBe(200)
      }
    } finally {
      await server.close()
      await own.close()
    }
  }, 120_000)
})
