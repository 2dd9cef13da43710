/**
 * Tensor element types to JSON Schema: the Open Inference Protocol's datatypes (BOOL, INT8, ...,
 * FP64, BYTES) and numpy's dtypes (MLflow tensor specs), each with the range its bits allow, and
 * tensor shapes to nested arrays whose bounds are the fixed dimensions. The first dimension is the
 * batch: it is never part of one record.
 */
import { shortJson } from '../json/index.js'

/** The JSON Schema of one element of a tensor datatype, with the range the type can hold. */
export type ElementSchema = Readonly<Record<string, unknown>>

/**
 * Integers beyond 2^53 lose precision in JSON numbers (RFC 8259 §6), so 64-bit integer tensors
 * are bounded by the safe range instead of the full 64-bit one.
 */
const SAFE = Number.MAX_SAFE_INTEGER
/** Largest finite float32 and float16 (IEEE 754 binary32 and binary16). */
const FLOAT32_MAX = 3.4028234663852886e38
const FLOAT16_MAX = 65504

const integer = (minimum: number, maximum: number): ElementSchema => ({
  type: 'integer',
  minimum,
  maximum,
})
const number = (max?: number): ElementSchema =>
  max === undefined ? { type: 'number' } : { type: 'number', minimum: -max, maximum: max }

/** Open Inference Protocol datatype -> element schema ("Tensor Data Types" in the spec). */
export const v2Datatypes: Readonly<Record<string, ElementSchema>> = {
  BOOL: { type: 'boolean' },
  UINT8: integer(0, 255),
  UINT16: integer(0, 65535),
  UINT32: integer(0, 4294967295),
  UINT64: integer(0, SAFE),
  INT8: integer(-128, 127),
  INT16: integer(-32768, 32767),
  INT32: integer(-2147483648, 2147483647),
  INT64: integer(-SAFE, SAFE),
  FP16: number(FLOAT16_MAX),
  FP32: number(FLOAT32_MAX),
  FP64: number(),
  BYTES: { type: 'string' },
}

/** numpy dtype (as MLflow writes it in a tensor-spec) -> Open Inference Protocol datatype. */
export const numpyDatatypes: Readonly<Record<string, string>> = {
  bool: 'BOOL',
  bool_: 'BOOL',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  float16: 'FP16',
  float32: 'FP32',
  float64: 'FP64',
  str: 'BYTES',
  object: 'BYTES',
  bytes: 'BYTES',
}

/**
 * A tensor's shape as numbers, or what is wrong with it (the message completes "the shape ...").
 * A dimension may be a whole-number string: proto3's JSON mapping writes int64 as a string, so
 * metadata from ModelMesh or a gRPC-JSON gateway says `"shape": ["-1", "3"]` (KServe reads both).
 */
export function readShape(shape: unknown): { dims: number[] } | { problem: string } {
  if (!Array.isArray(shape))
    return { problem: `must be a list of dimensions, got ${shortJson(shape, 80)}` }
  const dims = (shape as unknown[]).map((d) =>
    typeof d === 'string' && /^-?\d+$/.test(d) ? Number(d) : d,
  )
  const bad = dims.findIndex((d) => !Number.isSafeInteger(d) || (d as number) < -1)
  if (bad !== -1)
    return {
      problem: `has the dimension ${JSON.stringify(shape[bad])}; each must be a whole number, or -1 for a free one`,
    }
  return { dims: dims as number[] }
}

/**
 * The schema of one record's part of a tensor: `dims` are the dimensions after the batch; a fixed
 * dimension bounds its array (`minItems` = `maxItems`), `-1` leaves it free (at least one item).
 */
export function tensorRecordSchema(
  element: ElementSchema,
  dims: readonly number[],
): Record<string, unknown> {
  let schema: Record<string, unknown> = { ...element }
  for (const dim of [...dims].reverse()) {
    schema =
      dim === -1
        ? { type: 'array', minItems: 1, items: schema }
        : { type: 'array', minItems: dim, maxItems: dim, items: schema }
  }
  return schema
}
