/**
 * decodeTensors on its own, one rule of the Open Inference Protocol's tensors per test: names,
 * datatypes and their element ranges, shapes against data, row-major flat and nested (columnar
 * per record) data, BYTES as JSON text, the batch size, and every problem by pointer.
 */
import { expect, it } from 'vitest'
import { decodeTensors } from '../../src/protocol/decode-tensors.js'
import type { DecodeTensorsOptions } from '../../src/protocol/decode-tensors.js'
import type { TensorSpec } from '../../src/protocol/index.js'

const amount: TensorSpec = {
  name: 'amount',
  datatype: 'FP64',
  kind: 'scalar',
  width: -1,
  required: true,
}
const count: TensorSpec = {
  name: 'count',
  datatype: 'INT64',
  kind: 'scalar',
  width: -1,
  required: false,
}
const flag: TensorSpec = {
  name: 'flag',
  datatype: 'BOOL',
  kind: 'scalar',
  width: -1,
  required: false,
}
const v: TensorSpec = { name: 'v', datatype: 'FP64', kind: 'vector', width: 3, required: false }
const tags: TensorSpec = {
  name: 'tags',
  datatype: 'BYTES',
  kind: 'json',
  width: 1,
  required: false,
}
const specs = [amount, count, flag, v, tags]
const inputs: DecodeTensorsOptions = { specs, record: 'fields', at: '/inputs' }

/** The problems as `pointer: message`, or the records when decoding succeeded. */
function decode(list: unknown, options: DecodeTensorsOptions = inputs): unknown {
  const decoded = decodeTensors(list, options)
  return decoded.ok ? decoded.records : decoded.problems.map((p) => `${p.pointer}: ${p.message}`)
}
const t = (name: string, datatype: string, shape: unknown, data: unknown) => ({
  name,
  datatype,
  shape,
  data,
})

it('decodes one tensor per field into one record per batch row', () => {
  expect(
    decode([t('amount', 'FP64', [2], [1.5, 2]), t('flag', 'BOOL', [2], [true, false])]),
  ).toEqual([
    { amount: 1.5, flag: true },
    { amount: 2, flag: false },
  ])
})

it('leaves out an optional field whose element is null', () => {
  expect(decode([t('amount', 'FP64', [2], [1, 2]), t('count', 'INT64', [2], [null, 3])])).toEqual([
    { amount: 1 },
    { amount: 2, count: 3 },
  ])
})

it('refuses a list that is not a list, or is empty', () => {
  expect(decode({})).toEqual(['/inputs: "inputs" must be a list of tensors, got an object'])
  expect(decode([], { ...inputs, at: '/outputs' })).toEqual([
    '/outputs: "outputs" is empty; send one tensor per output field',
  ])
})

it('refuses a tensor that is not an object, has no string name, an unknown name, or comes twice', () => {
  expect(
    decode([
      7,
      t('amount', 'FP64', [1], [1]),
      { name: 3 },
      t('colour', 'BYTES', [1], ['red']),
      t('amount', 'FP64', [1], [2]),
    ]),
  ).toEqual([
    '/inputs/0: a tensor must be an object with name, shape, datatype and data, got a number',
    '/inputs/2/name: "name" must be a string, got a number',
    '/inputs/3/name: unknown input tensor "colour"; the model\'s inputs are "amount", "count", "flag", "v", "tags"',
    '/inputs/4/name: tensor "amount" appears twice',
  ])
})

it('refuses a datatype the protocol does not have, or one that cannot carry the field', () => {
  expect(decode([t('amount', 'FLOAT', [1], [1])])).toEqual([
    '/inputs/0/datatype: "datatype" must be one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES, got "FLOAT"',
  ])
  expect(decode([t('amount', 'BOOL', [1], [true])])).toEqual([
    '/inputs/0/datatype: tensor "amount" has datatype BOOL, expected FP64',
  ])
  expect(decode([t('amount', 'FP64', [1], [1]), t('count', 'FP32', [1], [1])])).toEqual([
    '/inputs/1/datatype: tensor "count" has datatype FP32, expected INT64',
  ])
})

it('shows a value a client sent cut short in its message, however long it is', () => {
  // The message goes back in the 400 answer: a 100 kB datatype must not come back whole.
  const long = 'F'.repeat(100_000)
  const [line] = decode([t('amount', long, [1], [1])]) as string[]
  expect(line).toBe(
    `/inputs/0/datatype: "datatype" must be one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES, got "${'F'.repeat(76)}...`,
  )
  const [shape] = decode([
    t('amount', 'FP64', [1, 2, ...new Array<number>(50_000).fill(1)], [1]),
  ]) as string[]
  expect(shape?.length).toBeLessThan(300)
  expect(shape).toMatch(/shape \[1,2,1,1,[0-9,]*\.\.\. needs 2$/)
})

it('takes any numeric tensor for a number field, and an integer one for an integer field', () => {
  expect(decode([t('amount', 'INT8', [1], [3]), t('count', 'UINT16', [1], [4])])).toEqual([
    { amount: 3, count: 4 },
  ])
})

it('checks each element against its datatype: integers whole, unsigned ones not negative', () => {
  expect(decode([t('amount', 'FP64', [1], [1]), t('count', 'UINT8', [1], [-1])])).toEqual([
    '/inputs/1/data/0: a number is not a UINT8 element',
  ])
  expect(decode([t('amount', 'FP64', [2], [1, 2]), t('count', 'INT32', [2], [1.5, 'x'])])).toEqual([
    '/inputs/1/data/0: a number is not a INT32 element',
    '/inputs/1/data/1: a string is not a INT32 element',
  ])
})

it('lists at most ten bad elements of one tensor', () => {
  const data = Array.from({ length: 20 }, () => 'x')
  const problems = decode([t('amount', 'FP64', [20], data)]) as string[]
  expect(problems).toHaveLength(10)
  expect(problems[9]).toBe('/inputs/0/data/9: a string is not a FP64 element')
})

it('refuses a shape that is not a non-empty list of non-negative integers, -1 included', () => {
  for (const shape of [[-1], [], [1.5], '2', [2, -1]])
    expect(decode([t('amount', 'FP64', shape, [1])])).toEqual([
      '/inputs/0/shape: "shape" must be a non-empty list of non-negative integers',
    ])
})

it('refuses data that is not a list, or holds another count of elements than the shape', () => {
  expect(decode([t('amount', 'FP64', [1], 1)])).toEqual([
    '/inputs/0/data: "data" must be a list, got a number',
  ])
  expect(decode([t('amount', 'FP64', [3], [1, 2])])).toEqual([
    '/inputs/0/data: "data" holds 2 elements but shape [3] needs 3',
  ])
})

it('refuses a shape past ten million elements before reading its data', () => {
  expect(decode([t('amount', 'FP64', [100_000, 101], [])])).toEqual([
    '/inputs/0/shape: shape [100000,101] holds more than 10000000 elements',
  ])
})

it('reads row-major flat data and the same data nested per record alike', () => {
  const flat = decode([
    t('amount', 'FP64', [2], [1, 2]),
    t('v', 'FP64', [2, 3], [1, 2, 3, 4, 5, 6]),
  ])
  const nested = decode([
    t('amount', 'FP64', [2], [1, 2]),
    t(
      'v',
      'FP64',
      [2, 3],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ),
  ])
  expect(flat).toEqual([
    { amount: 1, v: [1, 2, 3] },
    { amount: 2, v: [4, 5, 6] },
  ])
  expect(nested).toEqual(flat)
})

it('refuses data nested deeper than the shape', () => {
  expect(decode([t('amount', 'FP64', [1], [[1]])])).toEqual([
    '/inputs/0/data: "data" is nested deeper than shape [1]',
  ])
})

it('takes a scalar field as [N] or [N, 1], and refuses any other width', () => {
  expect(decode([t('amount', 'FP64', [2, 1], [1, 2])])).toEqual([{ amount: 1 }, { amount: 2 }])
  expect(decode([t('amount', 'FP64', [1, 2], [1, 2])])).toEqual([
    '/inputs/0/shape: tensor "amount" holds one value per record: shape must be [N] or [N, 1], got [1,2]',
  ])
})

it('reads a BYTES tensor of a list or object field as one JSON text per record', () => {
  expect(
    decode([t('amount', 'FP64', [2], [1, 2]), t('tags', 'BYTES', [2], ['["a"]', '{"b":1}'])]),
  ).toEqual([
    { amount: 1, tags: ['a'] },
    { amount: 2, tags: { b: 1 } },
  ])
  expect(decode([t('amount', 'FP64', [1], [1]), t('v', 'BYTES', [1], ['[1,2,3]'])])).toEqual([
    { amount: 1, v: [1, 2, 3] },
  ])
})

it('refuses a BYTES element that is not JSON text, and a BYTES tensor wider than one text per record', () => {
  expect(decode([t('amount', 'FP64', [1], [1]), t('tags', 'BYTES', [1], ['[oops'])])).toEqual([
    '/inputs/1/data/0: tensor "tags" element 0 is not JSON text',
  ])
  expect(decode([t('amount', 'FP64', [1], [1]), t('tags', 'BYTES', [1, 2], ['1', '2'])])).toEqual([
    '/inputs/1/shape: a BYTES tensor "tags" holds one JSON text per record: shape must be [N], got [1,2]',
  ])
})

it('reads a list of strings from an [N, k] BYTES tensor as k raw strings per record (Triton string tensors)', () => {
  const words: TensorSpec = {
    name: 'words',
    datatype: 'BYTES',
    kind: 'vector',
    width: -1,
    required: true,
  }
  const options: DecodeTensorsOptions = { specs: [words], record: 'fields', at: '/inputs' }
  expect(decode([t('words', 'BYTES', [2, 2], ['hello', 'world', 'a', '[b'])], options)).toEqual([
    { words: ['hello', 'world'] },
    { words: ['a', '[b'] },
  ])
  expect(decode([t('words', 'BYTES', [1, 2], [['x', 'y']])], options)).toEqual([
    { words: ['x', 'y'] },
  ])
  // [N]: one JSON text per record, as before.
  expect(decode([t('words', 'BYTES', [1], ['["x"]'])], options)).toEqual([{ words: ['x'] }])
  expect(decode([t('words', 'BYTES', [1, 2], ['x', 2])], options)).toEqual([
    '/inputs/0/data/1: a number is not a BYTES element',
  ])
  const decoded = decodeTensors([t('words', 'BYTES', [2, 2], ['a', 'b', 'c', 'd'])], options)
  expect(decoded.ok && decoded.pointer(1, '/words/1')).toBe('/inputs/0/data/3')
})

it("holds every tensor to the first one's batch size, or to the expected count", () => {
  expect(decode([t('amount', 'FP64', [2], [1, 2]), t('flag', 'BOOL', [1], [true])])).toEqual([
    "/inputs/1/shape/0: batch size 1 differs from the first tensor's 2",
  ])
  expect(
    decode([t('amount', 'FP64', [2], [1, 2])], { ...inputs, at: '/outputs', expected: 3 }),
  ).toEqual(['/outputs/0/shape/0: batch size 2, expected 3 (one per record)'])
})

it('reports a missing required tensor at the list', () => {
  expect(decode([t('flag', 'BOOL', [1], [true])])).toEqual([
    '/inputs: missing input tensor "amount"',
  ])
})

it('ignores what else a tensor carries, such as its parameters', () => {
  expect(
    decode([{ ...t('amount', 'FP64', [1], [4]), parameters: { content_type: 'np' } }]),
  ).toEqual([{ amount: 4 }])
})

it('decodes a whole record from its one tensor', () => {
  const whole: TensorSpec = {
    name: 'input',
    datatype: 'BYTES',
    kind: 'json',
    width: 1,
    required: true,
  }
  expect(
    decode([t('input', 'BYTES', [2], ['"a"', '[1]'])], {
      specs: [whole],
      record: 'whole',
      at: '/inputs',
    }),
  ).toEqual(['a', [1]])
})

it('points from inside a record back to the element of the body that carried it', () => {
  const flat = decodeTensors(
    [t('amount', 'FP64', [2], [1, 2]), t('v', 'FP64', [2, 3], [1, 2, 3, 4, 5, 6])],
    inputs,
  )
  const nested = decodeTensors(
    [t('v', 'FP64', [1, 3], [[1, 2, 3]]), t('amount', 'FP64', [1], [1])],
    inputs,
  )
  if (!flat.ok || !nested.ok) throw new Error('expected both to decode')
  expect(flat.pointer(1, '/amount')).toBe('/inputs/0/data/1')
  expect(flat.pointer(1, '/v/2')).toBe('/inputs/1/data/5')
  expect(nested.pointer(0, '/v/2')).toBe('/inputs/0/data/0/2')
  expect(flat.pointer(0, '/nothing')).toBe('/inputs')
})
