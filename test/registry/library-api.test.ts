/**
 * The registry from the library's one entry, as a platform team scripts it: a store, the server,
 * a token, and the client publishing a bundled contract, resolving a range, and asking the gate.
 */
import { expect, it } from 'vitest'
import {
  bundleContract,
  createRegistryClient,
  openStore,
  RegistryClientError,
  startRegistry,
} from '../../src/index.js'
import { root } from '../helpers/run-cli.js'
import { backends } from './backends.js'

it('publishes, resolves and asks the swap gate through the exported client, against the exported server', async () => {
  const pglite = backends.find((b) => b.name === 'pglite')
  if (!pglite) throw new Error('no PGlite backend')
  const store = await openStore(await pglite.fresh())
  const server = await startRegistry({ store, port: 0 })
  try {
    const token = await store.createToken('ci', 'admin', 'test')
    const client = createRegistryClient({ url: server.url, token })
    const bundled = await bundleContract('contracts/transaction-classifier.contract.yaml', {
      cwd: root,
    })
    const published = await client.publish(bundled.name, bundled.version, {
      contract: bundled.document,
      source: bundled.source,
    })
    expect(published).toMatchObject({ name: 'transaction-classifier', created: true })
    expect(await client.resolve('transaction-classifier', '^1')).toMatchObject({
      version: bundled.version,
    })
    const gate = await client.canSwap('fraud-model@2.0.0', 'transaction-classifier', false)
    expect(gate.canSwap).toBe(false)
    const anonymous = createRegistryClient({ url: server.url })
    const refused = anonymous.publish(bundled.name, '9.9.9', { contract: bundled.document })
    await expect(refused).rejects.toBeInstanceOf(RegistryClientError)
    await expect(refused).rejects.toMatchObject({ code: 'registry-client.unauthorized' })
  } finally {
    await server.close()
    await store.close()
  }
})
