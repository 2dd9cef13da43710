/**
 * The registry's OpenAPI 3.1 document: valid (the parser standin's import and export use), and
 * it describes every route the server has, with the method the server takes.
 */
import { validate } from '@readme/openapi-parser'
import { expect, it } from 'vitest'
import { openApiDocument } from '../../src/registry/index.js'
import { routes } from '../../src/registry/server/routes.js'

it('is a valid OpenAPI 3.1 document', async () => {
  const document = openApiDocument()
  expect(document.openapi).toBe('3.1.0')
  const result = await validate(
    structuredClone(document) as unknown as Parameters<typeof validate>[0],
  )
  expect(result).toMatchObject({ valid: true })
})

it('describes every route of the server, and no other', () => {
  const paths = openApiDocument().paths as Record<string, Record<string, unknown>>
  const documented = Object.entries(paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort()
  const served = routes
    .map((r) => {
      const path = r.pattern.source
        .replace(/^\^|\$$/g, '')
        .replace(/\\\//g, '/')
        .replace(/\\\./g, '.')
      const names = /\{[a-z]+\}/g
      const template = Object.keys(paths).find((p) => p.replace(names, '([^/]+)') === path)
      return `${r.method} ${template ?? path}`
    })
    .sort()
  expect(served).toEqual(documented)
})
