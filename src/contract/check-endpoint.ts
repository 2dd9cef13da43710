/**
 * The endpoint's batching key: `endpoint.batch` belongs to the json protocol (the others carry
 * their own batch envelopes), and a batch is a JSON array of records, so a record must not be
 * an array itself, or an array body could be one record or a batch.
 */
import type { Problem } from '../errors.js'
import { isObject } from '../json/index.js'

/** The problems of `endpoint.batch` in a parsed contract whose input schema is `input`. */
export function checkEndpoint(
  data: Record<string, unknown>,
  input: unknown,
  file?: string,
): Problem[] {
  const endpoint = data.endpoint
  if (!isObject(endpoint) || endpoint.batch === undefined || endpoint.batch === false) return []
  const at = (message: string, hint: string): Problem => ({
    code: 'contract.endpoint-batch',
    severity: 'error',
    ...(file !== undefined ? { file } : {}),
    pointer: '/endpoint/batch',
    message,
    hint,
  })
  const protocol = data.protocol ?? 'json'
  if (protocol !== 'json')
    return [
      at(
        `endpoint.batch is for the json protocol; protocol ${JSON.stringify(protocol)} has its own batch envelope`,
        'Remove endpoint.batch.',
      ),
    ]
  const type = isObject(input) ? input.type : undefined
  if (
    endpoint.batch === true &&
    (type === 'array' || (Array.isArray(type) && type.includes('array')))
  )
    return [
      at(
        'endpoint.batch needs records that are not arrays: with an array input schema, a JSON array body could be one record',
        'Make the input record an object, or remove endpoint.batch.',
      ),
    ]
  return []
}
