import { isObject, typeName, walkSchema } from '../json/index.js'

/** What is wrong with one faker hint, worded for a problem; undefined when it is fine. */
export type FakerVerdict = { readonly message: string; readonly hint: string } | undefined

/** Checks a faker hint: its method path and its `args` (undefined when the hint gives none). */
export type FakerCheck = (path: string, args: readonly unknown[] | undefined) => FakerVerdict

/** The largest number faker arguments may hold, as a number or as digits inside a string. */
export const MAX_FAKER_ARG = 10_000

/** Objects on faker's instance that are not method modules. */
const NOT_MODULES = new Set(['fakerCore', 'definitions', 'rawDefinitions'])

/**
 * The check of `x-standin` faker hints (`module.method`, with optional `args`). Loads faker only
 * when some schema uses the hint: it is large.
 *
 * A method is called once here, on a private seeded instance, with the hint's args: a method that
 * needs arguments the hint does not give (`helpers.arrayElement`, `date.between` ...) throws, one
 * that gives no string (`helpers.arrayElements` gives an array) is refused, so neither reaches the
 * stand-in. Arguments are bounded (no number above `MAX_FAKER_ARG`, as a number or as digits in a
 * string such as `{{string.alpha(100000000)}}`): faker would build a value that large.
 */
export async function fakerChecker(...schemas: unknown[]): Promise<FakerCheck> {
  let used = false
  for (const schema of schemas) {
    walkSchema(schema, '', (node) => {
      if (isObject(node) && isObject(node['x-standin']) && 'faker' in node['x-standin']) used = true
    })
  }
  if (!used) return () => undefined
  // The English instance has every module and method faker has (locales change data, not API).
  const { faker: english } = await import('@faker-js/faker/locale/en')
  const FakerClass = english.constructor as new (options: {
    locale: typeof english.rawDefinitions
  }) => typeof english
  const faker = new FakerClass({ locale: english.rawDefinitions })
  return (path, args) => {
    const [module, method] = path.split('.')
    const group: unknown = NOT_MODULES.has(module ?? '')
      ? undefined
      : (faker as unknown as Record<string, unknown>)[module ?? '']
    const fn =
      isObject(group) && method !== undefined && !(method in Object.prototype)
        ? group[method]
        : undefined
    if (typeof fn !== 'function') {
      return {
        message: `faker has no method "${path}"`,
        hint: 'Use a faker.js path such as person.fullName or finance.accountName.',
      }
    }
    const oversized = args !== undefined ? oversizedArg(args) : undefined
    if (oversized !== undefined) {
      return {
        message: `args hold ${oversized}, above the ${MAX_FAKER_ARG} standin lets faker draw`,
        hint: `Keep every count and length in faker args at ${MAX_FAKER_ARG} or below.`,
      }
    }
    let value: unknown
    faker.seed(1)
    try {
      value = (fn as (...a: unknown[]) => unknown).apply(
        group,
        args ? (structuredClone(args) as unknown[]) : [],
      )
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
      return args === undefined
        ? {
            message: `faker method "${path}" needs arguments, and the hint gives none`,
            hint: `Give them as args, for example { faker: ${path}, args: [[a, b, c]] } (see faker.js's documentation of ${path}).`,
          }
        : {
            message: `faker method "${path}" fails with these args: ${reason}`,
            hint: `Give the args ${path} takes (see faker.js's documentation).`,
          }
    }
    if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
      return undefined
    }
    return {
      message: `faker method "${path}" gives ${typeName(value)}, not a string`,
      hint: 'Use a faker method that gives a string (for one element of a list, helpers.arrayElement).',
    }
  }
}

/** The first number above `MAX_FAKER_ARG` in `args`, as written; undefined when there is none. */
function oversizedArg(args: readonly unknown[]): string | undefined {
  const stack: unknown[] = [...args]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'number' && Math.abs(value) > MAX_FAKER_ARG) return String(value)
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\d+/g)) {
        if (match[0].length > 5 || Number(match[0]) > MAX_FAKER_ARG) return `"${match[0]}"`
      }
    }
    if (Array.isArray(value)) stack.push(...(value as unknown[]))
    else if (isObject(value)) stack.push(...Object.values(value))
  }
  return undefined
}
