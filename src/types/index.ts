/** TypeScript codegen for contracts (json-schema-to-typescript). The only door other folders use. */
export { generateTypes, pascalCase } from './generate-types.js'
