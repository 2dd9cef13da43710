/**
 * Recordings of real traffic (JSON Lines written by `standin proxy`) and datasets of real inputs
 * (JSON Lines, CSV): written with sampling, a size cap and rotation; read as streams in bounded
 * memory; input fields masked by pointer. The only door other folders use.
 */
export { createRecorder } from './write-recording.js'
export type { Recorder, RecorderOptions } from './write-recording.js'
export { readRecording, noSkips, skippedWarning } from './read-recording.js'
export type { SkippedLines } from './read-recording.js'
export { readInputs } from './read-inputs.js'
export type { InputRow } from './read-inputs.js'
export { maskPointers, MASK } from './mask-pointers.js'
export { schemaFields } from './schema-fields.js'
export { trafficSchemas, wellFormedHeader } from './recording-shape.js'
export type {
  Outcome,
  RecordedContract,
  RecordedExchange,
  RecordingHeader,
  Violation,
} from './recording-types.js'
