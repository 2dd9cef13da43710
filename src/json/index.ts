/**
 * The ground floor: JSON helpers every other folder uses, one copy each. JSON pointers (RFC
 * 6901), prototype-safe own-property access, an iterative clone, a deep freeze, the nesting
 * depth of JSON text, and the copy of caller data into plain JSON. Imports nothing of standin.
 * The only door other folders use.
 */
export {
  escapeToken,
  unescapeToken,
  fragmentTokens,
  decodeToken,
  joinPointer,
  parsePointer,
  resolvePointer,
  isUnder,
} from './json-pointer.js'
export { isObject, hasOwn, assignOwn, setOwn, valueAtPath, setAtPath } from './json-object.js'
export type { JsonPath } from './json-object.js'
export { cloneJson } from './clone-json.js'
export { deepFreeze } from './deep-freeze.js'
export { nestingExceeds, nestingScan } from './json-nesting.js'
export { toJsonData } from './to-json-data.js'
export { typeName } from './type-name.js'
export { cutText, shortJson } from './short-json.js'
export { safeUrl, schemaObject, withoutHash } from './json-schema.js'
export {
  SUBSCHEMA_KEYWORDS,
  subschemaKeywords,
  subschemasOf,
  walkSchema,
} from './subschema-keywords.js'
