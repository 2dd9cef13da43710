/**
 * Interop: contracts from what a model already publishes (an MLflow `MLmodel` signature, Open
 * Inference Protocol model metadata, an OpenAPI operation), and OpenAPI 3.1 from contracts. The
 * only door other folders use.
 */
export { importMlflow } from './import-mlflow.js'
export type { ImportMlflowOptions } from './import-mlflow.js'
export { importKserveV2 } from './import-kserve-v2.js'
export type { ImportKserveV2Options } from './import-kserve-v2.js'
export { importOpenApi, listOpenApiOperations, openApiTargets } from './import-openapi.js'
export type { ImportOpenApiOptions } from './import-openapi.js'
export type { OpenApiOperation } from './openapi-operations.js'
export { exportOpenApi } from './export-openapi.js'
export type { ExportOpenApiOptions } from './export-openapi.js'
export type { ImportNote, ImportResult } from './import-result.js'
export type { InteropErrorCode } from './import-error.js'
