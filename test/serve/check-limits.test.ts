import { expect, it } from 'vitest'
import { checkLimits } from '../../src/serve/check-limits.js'

const limits = { maxKeys: 3, maxItems: 4, maxStringLength: 5 }

it('passes text within every limit, and text that is not JSON (the parser refuses that)', () => {
  expect(checkLimits('{"a":[1,2,3,4],"b":"12345","c":{"x":1,"y":2,"z":3}}', limits)).toBeUndefined()
  expect(checkLimits('{"a":', limits)).toBeUndefined()
  expect(checkLimits('[]', limits)).toBeUndefined()
})

it('names the container over the key or item limit by its pointer, escapes and indexes included', () => {
  expect(checkLimits('{"a/b":[0,{"~k":[1,2,3,4,5]}]}', limits)).toEqual({
    code: 'request.too-many-items',
    severity: 'error',
    pointer: '/a~1b/1/~0k',
    message: 'the array has more than 4 items (the limit)',
  })
  expect(checkLimits('[[],{"w":1,"x":"a,b","y":3,"z":4}]', limits)?.pointer).toBe('/1')
})

it('counts characters of the decoded string, not of its escapes', () => {
  expect(checkLimits('{"s":"\\u0041\\u0042\\u0043"}', limits)).toBeUndefined()
  expect(checkLimits('{"s":["ok","123456"]}', limits)).toEqual({
    code: 'request.string-too-long',
    severity: 'error',
    pointer: '/s/1',
    message: 'the string has 6 characters; the limit is 5',
  })
  expect(checkLimits('{"o":{"longkey":1}}', limits)).toEqual({
    code: 'request.string-too-long',
    severity: 'error',
    pointer: '/o',
    message: 'a key has 7 characters; the limit is 5',
  })
})
