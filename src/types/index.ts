/** TypeScript codegen for contracts (json-schema-to-typescript). The only door other folders use. */
export { generateTypes } from './generate-types.js'
