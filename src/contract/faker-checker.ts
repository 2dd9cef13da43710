import { isObject, walkSchema } from './schema-keywords.js'

/**
 * A test for `x-standin` faker paths (`module.method`). Loads faker only when some schema uses
 * the hint: it is large.
 */
export async function fakerChecker(...schemas: unknown[]): Promise<(path: string) => boolean> {
  const paths: string[] = []
  for (const schema of schemas) {
    walkSchema(schema, '', (node) => {
      if (
        isObject(node) &&
        isObject(node['x-standin']) &&
        typeof node['x-standin'].faker === 'string'
      ) {
        paths.push(node['x-standin'].faker)
      }
    })
  }
  if (paths.length === 0) return () => true
  // The English instance has every module and method faker has (locales change data, not API).
  const { faker } = await import('@faker-js/faker/locale/en')
  return (path) => {
    const [module, method] = path.split('.')
    const group: unknown = (faker as unknown as Record<string, unknown>)[module ?? '']
    return isObject(group) || typeof group === 'object'
      ? typeof (group as Record<string, unknown> | null)?.[method ?? ''] === 'function'
      : false
  }
}
