/**
 * The lint capability: every problem of a contract in one pass (what stops it from loading, a
 * reviewer's warnings) and the proof that the stand-in can generate its input and output. Sits
 * above contract/ and generate/. The only door other folders use.
 */
export { lintContracts } from './lint-contracts.js'
export type { LintOptions, LintReport, LintedContract } from './lint-contracts.js'
export { renderLintGithub, renderLintJson, renderLintText } from './render-lint-report.js'
