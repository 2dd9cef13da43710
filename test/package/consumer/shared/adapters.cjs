// The adapters against the consumer project's own msw, nock and express, shared by the ESM and
// CommonJS projects (test/package/consumers.test.ts copies it in). CommonJS, so that both
// project kinds and every runner load it. `api` is the runner's
// describe/it/expect; `lib` is standin as the project imports or requires it.
'use strict'
const http = require('node:http')
const { once } = require('node:events')

/** POST with node:http, which nock 13 intercepts (it does not intercept fetch). */
function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode, body: text }))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

function adapterTests({ describe, it, expect }, lib, peers) {
  const { loadContract, mswHandlers, nockModel, createMockApp, createMockRouter } = lib
  const { setupServer, nock, express, versions } = peers
  const contractFile = 'contracts/transaction-classifier.contract.yaml'

  describe('standin with the project’s own msw, nock and express', () => {
    it('runs on the pinned peers', () => {
      expect(versions).toEqual({ msw: '2.6.8', nock: '13.5.6', express: '4.21.2' })
    })

    it('mswHandlers: the project’s setupServer answers with the stand-in', async () => {
      const contract = await loadContract(contractFile)
      const server = setupServer(
        ...mswHandlers(contract, { baseUrl: 'http://models.internal', seed: 7 }),
      )
      server.listen({ onUnhandledRequest: 'error' })
      try {
        const res = await fetch('http://models.internal/predict', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(contract.examples[0].input),
        })
        expect(res.status).toBe(200)
        expect(typeof (await res.json()).category).toBe('string')
      } finally {
        server.close()
      }
    })

    it('nockModel: the project’s nock sees the interceptors and cleanAll removes them', async () => {
      const contract = await loadContract(contractFile)
      nockModel(contract, 'http://models.internal', { seed: 7 })
      expect(nock.activeMocks().length).toBeGreaterThan(0)
      const answer = await post('http://models.internal/predict', contract.examples[0].input)
      expect(answer.status).toBe(200)
      expect(typeof JSON.parse(answer.body).category).toBe('string')
      nock.cleanAll()
      expect(nock.activeMocks()).toEqual([])
      nock.disableNetConnect()
      try {
        await expect(post('http://models.internal/predict', {})).rejects.toThrow(
          /Nock: Disallowed net connect/,
        )
      } finally {
        nock.enableNetConnect()
      }
    })

    it('createMockRouter and createMockApp: mounted in and served by the project’s express', async () => {
      const contract = await loadContract(contractFile)
      const app = express()
      app.use('/ml', createMockRouter([contract], { seed: 7 }))
      app.get('/health', (_req, res) => res.send('ok'))
      const servers = [
        [() => app.listen(0, '127.0.0.1'), '/ml/predict'],
        [() => createMockApp([contract], { seed: 7 }).listen(0, '127.0.0.1'), '/predict'],
      ]
      for (const [listen, path] of servers) {
        const server = listen()
        await once(server, 'listening')
        try {
          const base = `http://127.0.0.1:${server.address().port}`
          const answer = await post(`${base}${path}`, contract.examples[0].input)
          expect(answer.status).toBe(200)
          expect(typeof JSON.parse(answer.body).category).toBe('string')
          if (path === '/ml/predict')
            expect(await (await fetch(`${base}/health`)).text()).toBe('ok')
        } finally {
          server.close()
        }
      }
    })
  })
}

module.exports = { adapterTests }
