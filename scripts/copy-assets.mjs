// Copies the non-TypeScript assets the package ships (the contract format schema) next to the
// compiled code, so `standin/contract.schema.json` resolves from dist.
import { cpSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

const assets = ['src/contract/contract.schema.json']
for (const asset of assets) {
  const target = `dist/${asset}`
  mkdirSync(dirname(target), { recursive: true })
  cpSync(asset, target)
}
